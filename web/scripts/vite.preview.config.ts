/**
 * Serve the built application (web/dist) with /api proxied to a running server on
 * ROST_API (default http://127.0.0.1:3100), for screenshots and manual checks:
 *   npx vite build && npx vite preview --config web/scripts/vite.preview.config.ts
 */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const target = process.env.ROST_API ?? 'http://127.0.0.1:3100';
export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: { outDir: 'dist' },
  preview: { port: 4173, strictPort: true, proxy: { '/api': target } },
  server: { port: 5174, proxy: { '/api': target } },
});
