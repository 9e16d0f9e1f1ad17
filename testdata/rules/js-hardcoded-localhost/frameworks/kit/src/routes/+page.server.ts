export async function load({ fetch }) {
  const r = await fetch("http://127.0.0.1:4000/items");
  return { items: await r.json() };
}
