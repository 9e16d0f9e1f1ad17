import { NextResponse } from "next/server";

export async function GET(request: Request) {
  const id = new URL(request.url).searchParams.get("id");
  if (!id) {
    return NextResponse.json({ success: false, error: "Missing file ID" }, { status: 400 });
  }
  const response = await fetch(`http://localhost:24125/api/memory-files/${id}`);
  return NextResponse.json(await response.json(), { status: response.status });
}
