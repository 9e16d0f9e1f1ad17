// A Server Component: it runs in the client container.
export default async function Home() {
  const res = await fetch("http://localhost:3000/api/items", { cache: "no-store" });
  const items: string[] = await res.json();
  return <ul>{items.map((i) => <li key={i}>{i}</li>)}</ul>;
}
