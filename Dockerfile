# pixel-audit in a container: Debian slim, Node 20, Chromium and fonts from Debian (no
# `playwright install`: the distribution's Chromium gets Debian's security updates).
#
#   docker build -t pixel-audit .
#   docker run --rm --shm-size=1g -v "$PWD/out:/data" pixel-audit scan https://www.example.se/ --out /data
#
# tini (the entrypoint) reaps Chromium's helper processes; --shm-size because Docker's 64 MB /dev/shm is too
# small for Chromium's renderers (Kubernetes: an emptyDir with medium Memory, see deploy/k8s/).

# --- build: compile TypeScript and better-sqlite3's native module --------------------------
FROM node:20-bookworm-slim AS build
# better-sqlite3 falls back to node-gyp when no prebuilt binary fits: it needs these.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# The playwright package is only the driver here; it must not fetch a browser of its own.
ENV PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY src ./src
# The build copies the detection kernel (src/detect/sweep.wasm) into dist/ with this script.
COPY scripts/copy-assets.mjs ./scripts/
# `npm ci` runs the `prepare` script, which builds dist/ (TypeScript is a devDependency).
RUN npm ci --no-audit --no-fund \
 && npm prune --omit=dev --no-audit --no-fund

# --- runtime: Node, Chromium, fonts, the built tool; nothing to compile ----------------------
FROM node:20-bookworm-slim AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium fonts-liberation ca-certificates tini \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 \
    PIXEL_AUDIT_CHROMIUM=/usr/bin/chromium
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json README.md ./
COPY bin ./bin
COPY rules ./rules
COPY fixtures ./fixtures
COPY schema ./schema
# A fixed numeric user, so Kubernetes' runAsNonRoot can check it; bundles go to /data.
RUN groupadd --system --gid 10001 pixel-audit \
 && useradd --system --uid 10001 --gid pixel-audit --home-dir /home/pixel-audit --create-home pixel-audit \
 && mkdir -p /data \
 && chown pixel-audit:pixel-audit /data
USER 10001:10001
WORKDIR /data
VOLUME ["/data"]
# tini as PID 1 reaps Chromium's helper processes and forwards SIGTERM (a Kubernetes pod has
# no `--init`), so a worker's graceful stop works and no zombies pile up.
ENTRYPOINT ["/usr/bin/tini", "--", "node", "/app/bin/pixel-audit.js"]
CMD ["--help"]
