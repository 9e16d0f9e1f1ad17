// Served to the browser by express.static: no entry point imports it.
fetch("http://localhost:3000/").then((r) => r.json());
