# Yifa (依法) as a container image: the steps of docs/deploy.md §1–§4 (install, build the web apps,
# a non-root account, YIFA_HOME on a volume, `yifa serve` which migrates on start).
# UNTESTED: no container runtime is on the machines this project is built and tested on; build
# and try it before relying on it (docs/deploy.md §9).
FROM node:20-bookworm-slim

# The serif CJK font document PDFs embed (YIFA_PDF_BODY_FONT / YIFA_PDF_TITLE_FONT default to it),
# and curl for the health check.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends fonts-noto-cjk curl ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && npm install -g npm@11

WORKDIR /opt/yifa
COPY . .
RUN npm ci --no-audit --no-fund \
 && npm run build -w @yifa/app \
 && npm run build -w @yifa/studio \
 && npm cache clean --force

RUN groupadd --system yifa \
 && useradd --system --gid yifa --create-home --home-dir /home/yifa --shell /usr/sbin/nologin yifa \
 && install -d -o yifa -g yifa -m 700 /var/lib/yifa /var/backups/yifa

ENV NODE_ENV=production \
    YIFA_HOME=/var/lib/yifa \
    YIFA_BACKUP_DIR=/var/backups/yifa \
    YIFA_HOST=0.0.0.0 \
    YIFA_PORT=3000 \
    YIFA_TIME_ZONE=Asia/Shanghai \
    YIFA_LOG_LEVEL=info
# Behind the HTTPS proxy (deploy/nginx) set YIFA_SECURE_COOKIES=1 (deploy/compose.yaml does).

VOLUME ["/var/lib/yifa", "/var/backups/yifa"]
USER yifa
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD curl -fsS "http://127.0.0.1:${YIFA_PORT}/api/health" || exit 1
CMD ["sh", "-c", "exec node platform/bin/yifa.js serve --host \"$YIFA_HOST\" --port \"$YIFA_PORT\""]
