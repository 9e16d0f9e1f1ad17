// Shared by the server component and the client widget.
export const API_ORIGIN = process.env.NEXT_PUBLIC_API_ORIGIN ?? "http://localhost:4000";

export async function items(): Promise<string[]> {
  const r = await fetch("http://localhost:4000/items", { cache: "no-store" });
  return r.json();
}
