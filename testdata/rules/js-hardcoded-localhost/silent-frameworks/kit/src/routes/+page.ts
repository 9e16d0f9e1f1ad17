// A universal load: it also runs in the browser, which reaches the published port.
export async function load({ fetch }) {
  return { stats: await (await fetch("http://localhost:4000/stats")).json() };
}
