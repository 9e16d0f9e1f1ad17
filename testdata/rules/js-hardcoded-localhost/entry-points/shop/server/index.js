import { createServer } from "node:http";
import { query } from "./db.js";
import { notify } from "./notify";

createServer(async (req, res) => res.end(JSON.stringify(await query("select 1")))).listen(8080, "0.0.0.0");
