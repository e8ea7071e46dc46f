/**
 * The studio's build. The platform serves it under /studio (cli/serve.ts, WEB_APPS), so every
 * asset URL starts with /studio/; it talks to the platform only over /api/v1, same origin.
 * Monaco and its workers are bundled here (no CDN) into chunks loaded only when an editor opens.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// monaco-yaml's worker manager imports the editor worker by its pre-0.56 path, which
// monaco-editor's exports map no longer resolves; the file is still there.
const editorWorker = fileURLToPath(
  new URL('../node_modules/monaco-editor/esm/vs/editor/editor.worker.js', import.meta.url),
);

export default defineConfig({
  base: '/studio/',
  plugins: [react()],
  resolve: {
    alias: [{ find: 'monaco-editor/esm/vs/editor/editor.worker.js', replacement: editorWorker }],
  },
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 5000,
  },
  server: {
    proxy: { '/api': process.env.YIFA_API ?? 'http://127.0.0.1:3000' },
  },
});
