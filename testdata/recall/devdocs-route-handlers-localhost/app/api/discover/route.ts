import { NextResponse } from "next/server";
import { discoverSubdomains } from "@/lib/crawl-service";

export async function POST(request: Request) {
  const { url, depth } = await request.json();
  const pages = await discoverSubdomains(url, depth);
  return NextResponse.json({ success: true, pages });
}
