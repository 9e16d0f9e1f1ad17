// Only the client widget imports this: it runs in the browser.
export function track() {
  return fetch("http://localhost:3000/analytics", { method: "POST" });
}
