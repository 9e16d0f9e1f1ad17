FROM node:20 AS build
WORKDIR /usr/src/app
COPY . .
RUN npm install && npm run build
FROM nginx:1.27-alpine
COPY --from=build /usr/src/app/dist /usr/share/nginx/html
