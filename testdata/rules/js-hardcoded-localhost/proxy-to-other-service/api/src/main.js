const fastify = require("fastify")();
fastify.listen({ port: 5003, host: "0.0.0.0" });
