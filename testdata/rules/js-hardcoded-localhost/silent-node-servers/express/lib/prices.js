const axios = require("axios");
const base = process.env.PRICES_URL ?? "http://localhost:4000";
exports.prices = async () => (await axios.get(`${base}/prices`)).data;
