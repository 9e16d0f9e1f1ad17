FROM node:20
WORKDIR /app
CMD ["sleep", "infinity"]
