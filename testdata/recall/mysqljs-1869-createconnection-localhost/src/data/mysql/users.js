const mysql = require("mysql");

// Both forms the reporter tried; both dial the users-api container itself.
const byURL = mysql.createConnection("mysql://root:abc@localhost:3306/abc_db");
const connection = mysql.createConnection({
  host: "localhost",
  user: "root",
  password: "abc",
  database: "abc_db",
});

exports.usersByName = (name) =>
  new Promise((resolve, reject) =>
    connection.query("SELECT * FROM users WHERE name = ?", [name], (err, rows) => (err ? reject(err) : resolve(rows))),
  );
exports.byURL = byURL;
