import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { build } from 'esbuild';
import type { Plugin } from 'vite';

/**
 * first-answers.js, the classic script index.html loads first (src/renderer/src/first-answers-entry.ts): one small
 * file with no imports, so that it runs before the app's modules have even downloaded; written into the build and
 * served by the dev server.
 */
function firstAnswersScript(): Plugin {
  const bundle = async () => {
    const out = await build({
      entryPoints: [resolve(__dirname, 'src/renderer/src/first-answers-entry.ts')],
      bundle: true,
      format: 'iife',
      minify: true,
      write: false,
      target: 'chrome130',
      legalComments: 'none',
    });
    return out.outputFiles[0]!.text;
  };
  return {
    name: 'bdg-first-answers',
    configureServer(server) {
      server.middlewares.use('/first-answers.js', (_req, res, next) => {
        bundle().then((js) => {
          res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
          res.end(js);
        }, next);
      });
    },
    async generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'first-answers.js', source: await bundle() });
    },
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/hosts/electron/main.ts'),
          'core-worker': resolve(__dirname, 'src/main/worker/core-worker.ts'),
          'parse-worker': resolve(__dirname, 'src/main/excel/parse-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/main/hosts/electron/preload.ts') },
        output: { format: 'cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    plugins: [react(), firstAnswersScript()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: resolve(__dirname, 'src/renderer/index.html') },
      // electron-vite leaves the renderer unminified: 5 MB of script parsed before the first screen (issue 20)
      minify: true,
      chunkSizeWarningLimit: 4000,
    },
  },
});
