const express = require("express");
const { usersByName } = require("./data/mysql/users");

const app = express();
app.get("/users/:name", (req, res, next) => usersByName(req.params.name).then((rows) => res.json(rows), next));
app.listen(process.env.PORT_USERS_API || 3000, "0.0.0.0");
