#!/bin/sh
cd /app/server
exec node index.js
