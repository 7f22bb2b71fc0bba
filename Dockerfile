# syntax=docker/dockerfile:1
# Samvirke image: one image, three commands (docker-compose.yml): the API (default), the job worker
# (node dist/src/worker.js) and the migrate step (node dist/scripts/migrate.js).
# The build stage compiles with the development dependencies; the runtime stage installs the
# production dependencies only (`npm ci --omit=dev`): no TypeScript, no test tools, no GraphiQL,
# and no embedded PostgreSQL (a development dependency: the image always gets a database URL).
# Size measured without a Docker engine by doing the runtime stage's steps by hand: docs/deployment.md.

# Node 24: maintained LTS (until April 2028); the dependencies need ^22.15 or >=24.11 (package.json engines).
FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY migrations ./migrations
COPY scripts ./scripts
RUN npm run build

FROM node:24-slim
ENV NODE_ENV=production \
    PORT=4000 \
    DATA_DIR=/app/.data
WORKDIR /app
COPY package.json package-lock.json ./
# --omit=optional as well: TypeScript is an optional peer of i18next and cosmiconfig (the lock marks it
# devOptional, which --omit=dev alone still installs: 23 MB); the only other optional package is
# pg-cloudflare (Cloudflare Workers only).
RUN npm ci --omit=dev --omit=optional && npm cache clean --force
COPY --from=build /app/dist ./dist
# `npm run import` / `npm run migrate` / `npm run worker` run dist/ through this launcher (no TypeScript here).
COPY scripts/run-compiled.mjs ./scripts/run-compiled.mjs
# The reference portal's static pages (src/http/portal.ts finds them next to dist/).
COPY portal ./portal
# The image's `node` user (uid 1000) runs every command; DATA_DIR must be writable.
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 4000
# The heap budget (package.json config.api_heap_mb, as `npm start` passes it; docs/scaling.md "Memory budget").
CMD ["node", "--max-old-space-size=192", "dist/src/main.js"]
