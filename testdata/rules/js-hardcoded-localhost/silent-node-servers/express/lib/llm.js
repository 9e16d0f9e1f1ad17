const http = require("http");
const axios = require("axios");

// A config value first, then the environment (set by compose), then a default.
exports.chat = async (cfg) => {
  const base = cfg?.baseUrl || process.env.OLLAMA_BASE_URL || "http://localhost:11434";
  return (await axios.post(`${base}/api/chat`, {})).data;
};

// A proxy for a child process of this container, on a free port: never published.
exports.proxy = () => http.createServer().listen(0, "127.0.0.1");
exports.proxy2 = () => http.createServer().listen({ port: 0, host: "127.0.0.1" });
