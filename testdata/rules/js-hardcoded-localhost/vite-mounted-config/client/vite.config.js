import { defineConfig } from 'vite';
// used when running `npm run dev` on the host
export default defineConfig({
  server: { proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: true } } },
});
