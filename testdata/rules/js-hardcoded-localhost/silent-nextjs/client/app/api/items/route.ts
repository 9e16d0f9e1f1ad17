const API = process.env.API_URL ?? "http://localhost:3000";
const SEARCH = process.env.SEARCH_URL || "http://127.0.0.1:9200";

export async function GET() {
  const r = await fetch(`${API}/api/items`);
  const s = await fetch(new URL("/_search", SEARCH));
  return Response.json({ items: await r.json(), hits: await s.json() });
}
