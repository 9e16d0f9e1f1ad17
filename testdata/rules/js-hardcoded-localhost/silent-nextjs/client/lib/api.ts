// Shared lib/ code imported by the server component: the env var is set in compose.
const API = process.env.API_URL ?? "http://localhost:3000";
export async function items(): Promise<string[]> {
  return (await fetch(`${API}/api/items`)).json();
}
