import express from "express";
import { render } from "./dist/server/entry.server.js";
const app = express();
app.use("*", async (req, res) => res.end(await render(req.originalUrl)));
app.listen(5678, "0.0.0.0");
