/**
 * The officer app's build. The workspace parts it imports (@yifa/engine, rules, metamodel) are
 * TypeScript sources; @yifa/metamodel's `browser` export condition gives the build its pure
 * entry, without the Node-only pack loading, so no Node built-in needs a stand-in.
 */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: { '/api': process.env.YIFA_API ?? 'http://127.0.0.1:3000' },
  },
});
