import { defineConfig } from 'vite';
// mounted over client/vite.config.js inside the container
export default defineConfig({
  server: { proxy: { '/api': { target: 'http://api:3000', changeOrigin: true } } },
});
