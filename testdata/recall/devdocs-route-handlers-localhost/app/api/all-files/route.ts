import { NextResponse } from "next/server";

export async function GET() {
  let memoryFiles: unknown[] = [];
  try {
    const memoryResponse = await fetch("http://localhost:24125/api/memory-files");
    if (memoryResponse.ok) {
      memoryFiles = (await memoryResponse.json()).files ?? [];
    }
  } catch {
    memoryFiles = [];
  }
  return NextResponse.json({ success: true, files: memoryFiles });
}
