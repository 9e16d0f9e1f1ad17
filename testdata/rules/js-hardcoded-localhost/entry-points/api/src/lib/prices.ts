import axios from "axios";

// Reached from the entry point (npm run serve -> node dist/index.js -> src/index.ts).
export async function prices() {
  return (await axios.get("http://localhost:8080/prices")).data;
}
