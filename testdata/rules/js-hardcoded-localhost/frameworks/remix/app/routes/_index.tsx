import { useLoaderData } from "@remix-run/react";

export async function loader() {
  const r = await fetch("http://localhost:4000/items");
  return r.json();
}

export default function Index() {
  const items = useLoaderData<typeof loader>();
  // In the browser: the published port on the host is right.
  const more = () => fetch("http://localhost:4000/items?page=2");
  return <button onClick={more}>{items.length}</button>;
}
