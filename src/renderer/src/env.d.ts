import type { Api } from '../../shared/contract';

declare global {
  interface Window {
    /** provided by the Electron preload, or by api/http.ts in a plain browser */
    api: Api;
  }
}

export {};
