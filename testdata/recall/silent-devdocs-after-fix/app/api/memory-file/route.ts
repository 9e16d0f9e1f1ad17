import { NextResponse } from "next/server";

export async function GET(request: Request) {
  const id = new URL(request.url).searchParams.get("id");
  if (!id) {
    return NextResponse.json({ success: false, error: "Missing file ID" }, { status: 400 });
  }
  const backendUrl = process.env.NEXT_PUBLIC_BACKEND_URL || process.env.BACKEND_URL || "http://localhost:24125";
  const response = await fetch(`${backendUrl}/api/memory-files/${id}`);
  return NextResponse.json(await response.json(), { status: response.status });
}
