import { useLoaderData } from "@remix-run/react";

export async function loader() {
  const r = await fetch(`${process.env.API_URL || "http://localhost:4000"}/items`);
  return r.json();
}

export default function Index() {
  const items = useLoaderData<typeof loader>();
  const more = () => fetch("http://localhost:4000/items?page=2");
  return <button onClick={more}>{items.length}</button>;
}
