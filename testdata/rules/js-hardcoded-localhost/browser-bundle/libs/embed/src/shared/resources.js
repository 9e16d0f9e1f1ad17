export const resources = {
  API_URL: process.env.API_URL || "http://127.0.0.1:3000",
  IFRAME_URL: process.env.WIDGET_URL || "http://127.0.0.1:3500",
};
