#!/usr/bin/env bash
# Exports the suite's plugins as Red Hat Developer Hub dynamic plugins
# (`dist-dynamic/` in each plugin folder) with the RHDH CLI from the npm
# registry. Runs under the toolchain of scripts/yarn.sh:
#   ./scripts/yarn.sh export-dynamic [plugin-folder ...]
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
RHDH_CLI_VERSION="${RHDH_CLI_VERSION:-1.9.1}"

# the RHDH CLI calls `yarn`: give it the committed release
shim="$(mktemp -d)"
trap 'rm -rf "$shim"' EXIT
release="$root/.yarn/releases/$(ls "$root/.yarn/releases" | head -n1)"
printf '#!/bin/sh\nexec node "%s" "$@"\n' "$release" > "$shim/yarn"
chmod +x "$shim/yarn"
export PATH="$shim:$PATH"

plugins=("$@")
[ ${#plugins[@]} -gt 0 ] || plugins=(secrets-backend scaffolder-backend-module-secrets search-backend-module-secrets tech-insights-backend-module-secrets secrets)
for p in "${plugins[@]}"; do
  echo "[export-dynamic] $p"
  args=(--clean)
  case "$p" in
    secrets-backend | scaffolder-backend-module-secrets)
      # the engine and the common package are ours: embed them
      args+=(--embed-package @ameideio/plugin-secrets-node @ameideio/plugin-secrets-common --no-install)
      ;;
    search-backend-module-secrets | tech-insights-backend-module-secrets)
      # only the common package (wire types and permissions) is ours
      args+=(--embed-package @ameideio/plugin-secrets-common --no-install)
      ;;
  esac
  (cd "plugins/$p" && npx -y "@red-hat-developer-hub/cli@$RHDH_CLI_VERSION" plugin export "${args[@]}")
  test -f "plugins/$p/dist-dynamic/package.json"
done
echo "[export-dynamic] exported: ${plugins[*]}"
