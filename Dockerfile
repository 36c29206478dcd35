# syntax=docker/dockerfile:1
# Two stages: the first installs everything and builds the staff app (dist/app); the second holds
# only production dependencies, the service's sources (run by Node's type stripping) and that build.
# scripts/check-production-install.sh tests the second stage's install and start without Docker.

FROM node:24-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json ./
# No install scripts: the `node` devDependency would download a second Node binary, and nothing
# the build uses needs one (sharp and the bundler ship prebuilt platform packages).
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY . .
RUN node scripts/build-app.ts --force

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data \
    NPM_CONFIG_UPDATE_NOTIFIER=false
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts && npm cache clean --force
COPY --from=build /app/src ./src
COPY --from=build /app/dev ./dev
COPY --from=build /app/scripts/build-app.ts ./scripts/build-app.ts
COPY --from=build /app/dist/app ./dist/app
# The code stays root-owned and read-only to the service; only DATA_DIR (upload copies, .eml files
# without SMTP) is writable.
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
# /api/ready: database reachable and migrated (Redis away still answers 200, "degraded").
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/ready',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Node is PID 1 (not npm, which would swallow signals): SIGTERM reaches src/main.ts, which drains
# requests, stops the outbox worker and closes PostgreSQL and Redis within SHUTDOWN_TIMEOUT_MS.
STOPSIGNAL SIGTERM
CMD ["node", "src/main.ts"]
