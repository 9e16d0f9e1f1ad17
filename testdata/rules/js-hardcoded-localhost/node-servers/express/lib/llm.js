const axios = require("axios");

// A config value first, then the environment, which compose does not set.
exports.chat = async (cfg) => {
  const base = cfg?.baseUrl || process.env.OLLAMA_BASE_URL || "http://localhost:11434";
  return (await axios.post(`${base}/api/chat`, {})).data;
};
