# syntax=docker/dockerfile:1.7
# Millwright image: one image, three entry points (all-in-one, api, worker) plus the operator CLI.
#   docker build -t millwright:0.1.0 .
#   docker run --rm -p 3000:3000 millwright:0.1.0                                   # all-in-one, embedded PostgreSQL in /var/lib/millwright
#   docker run --rm -e DATABASE_URL=... millwright:0.1.0 node dist/apps/cli/src/main.js migrate
# Debian (glibc), not Alpine: onnxruntime-node ships glibc binaries only. Pin the digest in your
# registry mirror for reproducible builds; the tag is kept here so Renovate-style bumps stay readable.
ARG NODE_IMAGE=node:20.20-bookworm-slim

# ---- deps: production node_modules only, in their own layer so code changes do not reinstall them
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV ONNXRUNTIME_NODE_INSTALL=skip \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false
COPY package.json package-lock.json .npmrc ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev

# ---- build: full toolchain, compiles TypeScript to dist/
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV ONNXRUNTIME_NODE_INSTALL=skip \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false
COPY package.json package-lock.json .npmrc ./
RUN --mount=type=cache,target=/root/.npm npm ci
COPY . .
# models/ holds the trained extractor when it is committed; create it so the runtime COPY never fails.
RUN npm run build && mkdir -p models

# ---- runtime: no compiler, no dev dependencies, no npm cache, non-root
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/var/lib/millwright
WORKDIR /app
COPY --from=deps --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --from=build --chown=root:root /app/models ./models
COPY --chown=root:root package.json ./
COPY --chown=root:root config ./config
COPY --chown=root:root openapi ./openapi
# The app files stay root-owned and read-only for the runtime user; only DATA_DIR (embedded
# PostgreSQL, all-in-one mode) is writable. The 'node' user of the base image is uid 1000.
RUN mkdir -p /var/lib/millwright && chown 1000:1000 /var/lib/millwright
USER 1000:1000
EXPOSE 3000 9464
# Docker and Compose use this; Kubernetes ignores it and uses the probes in deploy/k8s.
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Node is PID 1 and handles SIGTERM itself (libs/runtime drains within SHUTDOWN_GRACE_MS).
CMD ["node", "dist/apps/all-in-one/src/main.js"]
