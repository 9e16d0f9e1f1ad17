"use client";
// Runs in the browser, on the host: the published port is right here.
import { useEffect, useState } from "react";
export function Widget() {
  const [n, setN] = useState(0);
  useEffect(() => { fetch("http://localhost:3001/api/items").then((r) => r.json()).then((x) => setN(x.length)); }, []);
  return <span>{n}</span>;
}
