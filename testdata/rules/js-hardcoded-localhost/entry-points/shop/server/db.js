import pg from "pg";

const pool = new pg.Pool({ connectionString: "postgres://shop@localhost:5432/shop" });
export const query = (q) => pool.query(q);
