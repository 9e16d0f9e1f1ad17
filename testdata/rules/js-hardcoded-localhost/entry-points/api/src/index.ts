import http from "node:http";
import { prices } from "./lib/prices.js";

http.createServer(async (_req, res) => res.end(JSON.stringify(await prices()))).listen(4000);
