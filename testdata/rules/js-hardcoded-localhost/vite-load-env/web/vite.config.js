import { defineConfig, loadEnv } from 'vite';

export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, process.cwd(), '');
  return {
    server: {
      port: 8080,
      proxy: {
        '^/api': { target: env.API_URL || 'http://127.0.0.1:9000' },
      },
    },
  };
});
