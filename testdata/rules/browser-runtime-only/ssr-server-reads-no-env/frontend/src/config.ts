export const getConfig = (key: string): string | undefined => {
  if (import.meta.env.SSR) return process.env[key];
  return (window as any).appConfig?.[key];
};
