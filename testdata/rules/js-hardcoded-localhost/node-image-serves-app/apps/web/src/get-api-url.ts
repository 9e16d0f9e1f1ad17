export function getApiUrl(path: string) {
  const base = import.meta.env.VITE_API_URL || "http://localhost:1337";
  return `${base}/api/${path}`;
}
