import type { DiscoveredPage } from "./types";

const BACKEND_URL = "http://localhost:24125";

export async function discoverSubdomains(url: string, depth = 3): Promise<DiscoveredPage[]> {
  const response = await fetch(`${BACKEND_URL}/api/discover`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ url, depth }),
  });
  return (await response.json()).pages ?? [];
}
