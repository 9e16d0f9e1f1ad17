import { items } from "@/lib/api";
import { Widget } from "./dash/widget";

export default async function Home() {
  return <div>{(await items()).length}<Widget /></div>;
}
