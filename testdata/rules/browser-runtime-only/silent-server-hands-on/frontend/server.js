import express from "express";
const app = express();
// hand the container's VITE_* variables to the browser on every request
const runtimeEnv = () => JSON.stringify(Object.fromEntries(
  Object.entries(process.env).filter(([k]) => k.startsWith("VITE_"))));
app.use("*", (req, res) => {
  res.end(`<html><head><script>window.appConfig = ${runtimeEnv()};</script></head><body></body></html>`);
});
app.listen(process.env.NODE_PORT || 5678, "0.0.0.0");
