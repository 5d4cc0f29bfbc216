# The app image for docker-compose.yml. The data is not baked in: it is fetched on first start.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build:web
ENV PORT=8080 HOST=0.0.0.0
EXPOSE 8080
CMD ["npm", "start"]
