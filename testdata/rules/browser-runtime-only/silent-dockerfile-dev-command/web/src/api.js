export const api = import.meta.env.VITE_BACKEND_URL;
