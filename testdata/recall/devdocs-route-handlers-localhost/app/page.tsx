"use client";

import { useState } from "react";
import { discoverSubdomains } from "@/lib/crawl-service";

export default function Home() {
  const [pages, setPages] = useState<string[]>([]);
  const discover = async (url: string) => setPages((await discoverSubdomains(url)).map((p) => p.url));
  return <button onClick={() => discover("https://docs.example.com")}>{pages.length}</button>;
}
