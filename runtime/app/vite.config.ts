/**
 * The officer app's build. The workspace parts it imports (@yifa/engine, rules, metamodel) are
 * TypeScript sources; their Node-only modules (pack loading from folders) are never called in
 * the browser, so node: built-ins resolve to a stub that throws if one ever is.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const stub = fileURLToPath(new URL('./src/node-stub.ts', import.meta.url));

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: [{ find: /^node:(fs|path|crypto|url)$/, replacement: stub }],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: { '/api': process.env.YIFA_API ?? 'http://127.0.0.1:3000' },
  },
});
