/** The preload (sandboxed, bundled as one CJS file): exposes window.api and nothing else. */
import { contextBridge, ipcRenderer } from 'electron';
import { createPreloadApi } from './preload-api';

contextBridge.exposeInMainWorld('api', createPreloadApi(ipcRenderer));
