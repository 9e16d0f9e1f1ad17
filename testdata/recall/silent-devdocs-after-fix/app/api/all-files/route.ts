import { NextResponse } from "next/server";

export async function GET() {
  let memoryFiles: unknown[] = [];
  try {
    const backendUrl = process.env.NEXT_PUBLIC_BACKEND_URL || process.env.BACKEND_URL || "http://localhost:24125";
    const memoryResponse = await fetch(`${backendUrl}/api/memory-files`);
    if (memoryResponse.ok) {
      memoryFiles = (await memoryResponse.json()).files ?? [];
    }
  } catch {
    memoryFiles = [];
  }
  return NextResponse.json({ success: true, files: memoryFiles });
}
