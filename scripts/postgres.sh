#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server (Debian's `postgresql` package, installed
# when missing) for the database tests, and prints the connection string.
#
#   eval "$(scripts/postgres.sh start)"   # exports SECRETS_TEST_PG_URL and PG data dir
#   scripts/postgres.sh stop <datadir>
set -euo pipefail

PORT="${SECRETS_TEST_PG_PORT:-54329}"

find_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1
}

install_pg() {
  if [ -z "$(find_bin)" ]; then
    echo "[postgres] installing Debian's postgresql package" >&2
    export DEBIAN_FRONTEND=noninteractive
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq >&2
    $sudo apt-get install -y -qq postgresql >&2
  fi
}

start() {
  install_pg
  local bin major dir runas=()
  bin="$(find_bin)"
  major="$(basename "$(dirname "$bin")")"
  dir="$(mktemp -d /tmp/secrets-test-pg.XXXXXX)"
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home "$dir" postgres
    chown postgres "$dir"
    runas=(runuser -u postgres --)
  fi
  "${runas[@]}" "$bin/initdb" -D "$dir/data" -U postgres --auth=trust >/dev/null
  "${runas[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
    -o "-p $PORT -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
  echo "export SECRETS_TEST_PG_DIR='$dir'"
  echo "export SECRETS_TEST_PG_MAJOR='$major'"
  echo "export BACKSTAGE_TEST_DATABASE_POSTGRES${major}_CONNECTION_STRING='postgresql://postgres@127.0.0.1:$PORT'"
}

stop() {
  local dir="$1" bin runas=()
  bin="$(find_bin)"
  [ "$(id -u)" -eq 0 ] && runas=(runuser -u postgres --)
  "${runas[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:?data dir}" ;;
  *) echo "usage: $0 start|stop <dir>" >&2; exit 2 ;;
esac
