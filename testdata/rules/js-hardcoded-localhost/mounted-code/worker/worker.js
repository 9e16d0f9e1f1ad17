const ITEMS_URL = process.env.ITEMS_URL || "http://localhost:4000";

setInterval(() => fetch(`${ITEMS_URL}/items/reindex`, { method: "POST" }), 60000);
