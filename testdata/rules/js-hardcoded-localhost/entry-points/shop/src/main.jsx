// Browser code: the Vite bundle talks to the host's published port.
fetch("http://localhost:8080/api/items").then((r) => r.json());
