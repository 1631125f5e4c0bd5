/**
 * Renderer-only build, the same settings as the renderer section of electron.vite.config.ts, for when the main
 * process cannot be built yet. Run it from the repository root:
 *   npx vite build -c src/renderer/vite.config.ts
 * (Paths are relative to the repository root so this file needs no Node module.)
 */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'src/renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../../out/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
  },
});
