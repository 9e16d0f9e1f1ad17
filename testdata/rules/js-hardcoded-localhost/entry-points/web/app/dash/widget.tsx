"use client";
import { useEffect } from "react";
import { track } from "../../lib/track";
import { items } from "../../lib/api";

export function Widget() {
  useEffect(() => { track(); items(); }, []);
  return <span />;
}
