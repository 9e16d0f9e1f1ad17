import { NextResponse } from "next/server";

// Lists stored files; the in-memory ones come from the Python backend.
export async function GET() {
  let memoryFiles: unknown[] = [];
  try {
    const backendUrl = process.env.NEXT_PUBLIC_BACKEND_URL || process.env.BACKEND_URL || "http://localhost:24125";
    const memoryResponse = await fetch(`${backendUrl}/api/memory-files`);
    if (memoryResponse.ok) {
      memoryFiles = (await memoryResponse.json()).files ?? [];
    }
  } catch {
    // the route swallows the ECONNREFUSED and returns disk files only
  }
  return NextResponse.json({ success: true, files: memoryFiles });
}
