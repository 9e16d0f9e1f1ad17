import type { InferResponseType } from "hono/client";
export type Tasks = InferResponseType<any>;
