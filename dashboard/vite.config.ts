import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The dashboard bundle: served by the harness from `dashboard/dist` at `/`. `npm run dev` proxies
 * the API and socket.io to a harness on HARNESS_URL (default http://127.0.0.1:3000).
 */
const harness = process.env.HARNESS_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  base: '/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 450 },
  server: {
    proxy: {
      '/api': harness,
      '/socket.io': { target: harness, ws: true },
    },
  },
});
