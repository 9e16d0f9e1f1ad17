module.exports = { apps: [
  { name: "client", script: "node", args: "server.js", cwd: "apps/client" },
  { name: "api", script: "node", args: "src/main.js", cwd: "apps/api" },
] };
