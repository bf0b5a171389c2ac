#!/usr/bin/env bash
# Packaging check: builds every plugin with `backstage-cli package build`,
# packs it the way it would be published, installs the tarballs into a fresh
# scratch Backstage app and type-checks code that uses each plugin the way
# the install guide in the README says.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
work="$(mktemp -d /tmp/secrets-pack-test.XXXXXX)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/packs"

plugins=(secrets-common secrets-node secrets-backend secrets scaffolder-backend-module-secrets search-backend-module-secrets tech-insights-backend-module-secrets)

yarn tsc >/dev/null
for p in "${plugins[@]}"; do
  name="$(node -p "require('./plugins/$p/package.json').name")"
  echo "[pack] $name"
  (cd "plugins/$p" && yarn backstage-cli package build >"$work/build-$p.log" 2>&1 && yarn pack --out "$work/packs/$p.tgz" >>"$work/build-$p.log" 2>&1) || { tail -30 "$work/build-$p.log"; exit 1; }
done

node scripts/pack-test-app.mjs "$work"
cd "$work/app"
echo "[pack] installing the tarballs into a scratch app"
YARN_ENABLE_IMMUTABLE_INSTALLS=false node "$root/.yarn/releases/$(ls "$root/.yarn/releases")" install >"$work/install.log" 2>&1 || { tail -40 "$work/install.log"; exit 1; }
echo "[pack] type-checking the scratch app"
node "$root/.yarn/releases/$(ls "$root/.yarn/releases")" tsc --noEmit -p .
echo "[pack] all ${#plugins[@]} packages install and type-check in a fresh app"
