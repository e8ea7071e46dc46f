#!/usr/bin/env bash
# A throwaway PostgreSQL for the tests (#18), from Debian's packages, on loopback.
#
#   eval "$(.ci/postgres.sh start)"   # installs if missing, starts, prints `export YIFA_TEST_PG_URL=…`
#   .ci/postgres.sh url               # the URL of the running server (fails when none runs)
#   .ci/postgres.sh stop              # stops it and removes its folder
#
# start is idempotent: a server already running from this folder is reused and its URL printed again.
# The cluster lives in $YIFA_PG_DIR (default /tmp/yifa-ci-pg), initdb'd as the `postgres` user when
# run as root (initdb refuses root; CI runs as root), listening on 127.0.0.1 on a free port and on a
# socket in that folder only. Durability is off (fsync, synchronous_commit, full_page_writes): the
# data is thrown away after the run, and the tests measure behaviour, not speed.
# Only messages go to stderr; stdout carries the export line alone, for eval.
set -euo pipefail

dir="${YIFA_PG_DIR:-/tmp/yifa-ci-pg}"
data="$dir/data"
db=yifa_test

log() { echo "postgres.sh: $*" >&2; }

bindir() {
  local b
  b=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  [ -n "$b" ] && [ -x "$b/initdb" ] && echo "$b"
}

# Runs a PostgreSQL program as the cluster's owner: `postgres` when we are root, else ourselves.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

running() { [ -f "$data/postmaster.pid" ] && as_owner "$(bindir)/pg_ctl" -D "$data" status >/dev/null 2>&1; }

url() { echo "postgres://postgres@127.0.0.1:$(cat "$dir/port")/$db"; }

start() {
  if [ -z "$(bindir)" ]; then
    log "installing postgresql from Debian's packages"
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  fi
  local bin
  bin=$(bindir)
  if running; then
    log "already running in $dir"
    echo "export YIFA_TEST_PG_URL=$(url)"
    return
  fi
  rm -rf "$dir"
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
  as_owner "$bin/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; exit 1; }
  # A free port: the kernel's choice for a listener on port 0, released before PostgreSQL binds it.
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})' >"$dir/port"
  as_owner "$bin/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -p $(cat "$dir/port") -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >&2 ||
    { cat "$dir/server.log" >&2; exit 1; }
  as_owner "$bin/createdb" -h 127.0.0.1 -p "$(cat "$dir/port")" -U postgres "$db"
  log "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on $(url)"
  echo "export YIFA_TEST_PG_URL=$(url)"
}

stop() {
  if running; then
    as_owner "$(bindir)/pg_ctl" -D "$data" -m fast -w stop >&2
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) running && url ;;
  *) echo "usage: $0 start|stop|url" >&2; exit 2 ;;
esac
