const axios = require("axios");

const base = process.env.LLM_URL || "http://localhost:11434";
axios.post(`${base}/api/chat`, {});
