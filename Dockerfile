# The harness on Node 20, for docker-compose (pointed at a real ClickHouse server via CLICKHOUSE_URL).
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
COPY harness/package.json harness/
COPY mock-providers/package.json mock-providers/
COPY dashboard/package.json dashboard/
RUN npm ci --no-audit --no-fund
COPY . .
EXPOSE 3000 4318 4010
CMD ["npx", "harness", "up"]
