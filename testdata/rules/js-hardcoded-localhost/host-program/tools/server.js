const { Client } = require("pg");

new Client({ connectionString: "postgres://app@localhost:5432/app" }).connect();
