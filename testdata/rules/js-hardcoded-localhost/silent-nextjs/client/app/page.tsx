// A Server Component: the address comes from the container's environment.
import { items } from "@/lib/api";
export default async function Home() {
  const res = await fetch(`${process.env.API_URL}/api/items`, { cache: "no-store" });
  const list: string[] = await res.json();
  return <ul>{[...list, ...(await items())].map((i) => <li key={i}>{i}</li>)}</ul>;
}
