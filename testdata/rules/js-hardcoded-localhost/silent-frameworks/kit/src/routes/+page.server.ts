import { env } from "$env/dynamic/private";

export async function load({ fetch }) {
  const r = await fetch(`${env.API_URL}/items`);
  return { items: await r.json() };
}
