# Vigil as a container image for CI and scheduled jobs: the compiled package and its production dependencies
# only, run as a non-root user, fine with a read-only root filesystem (it writes only under --out and /tmp).
#
#   docker build -t ghcr.io/vigil-scanner/vigil .
#   docker run --rm -e AWS_ACCESS_KEY_ID -e AWS_SECRET_ACCESS_KEY -e AWS_SESSION_TOKEN -e AWS_REGION \
#     --read-only --tmpfs /tmp -v "$PWD/vigil-out:/out" ghcr.io/vigil-scanner/vigil audit --out /out

# --- build: every dependency, then the compiled package (npm ci runs `prepare` = npm run build: tsc, then
# esbuild links it into dist/src), then the dev dependencies are dropped again. The production node_modules
# keep what their install scripts built (better-sqlite3's native binding, for the history store). ----------
FROM node:20-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
COPY scripts ./scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY policies ./policies
RUN npm ci --no-audit --no-fund && npm prune --omit=dev --no-audit --no-fund

# --- runtime: the production dependencies as built above (same base image, same ABI) and the compiled package -
FROM node:20-slim
ENV NODE_ENV=production \
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true \
    NO_UPDATE_NOTIFIER=1
WORKDIR /opt/vigil
COPY package.json ./
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/dist/src ./dist/src
COPY --from=build /src/dist/policies ./dist/policies
COPY frameworks ./frameworks
COPY reports ./reports
RUN ln -s /opt/vigil/dist/src/cli/vigil.js /usr/local/bin/vigil && chmod 0755 dist/src/cli/vigil.js
# The image's `node` user (uid 1000); reports go to the working directory, a volume mounted by the caller.
USER node
WORKDIR /out
ENTRYPOINT ["vigil"]
CMD ["--help"]
