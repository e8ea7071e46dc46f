/**
 * The studio's build. The platform serves it under /studio (cli/serve.ts, WEB_APPS), so every
 * asset URL starts with /studio/; it talks to the platform only over /api/v1, same origin.
 */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/studio/',
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
