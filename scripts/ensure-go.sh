#!/usr/bin/env bash
# Builds the Go oracle of the Helm differential test (plugins/secrets-node/oracle):
# Go's text/template with sprig v3 and Helm's deterministic functions. Installs
# Debian's Go toolchain and the Go libraries it needs when missing, builds
# offline against them, and prints the binary's path. Fast when up to date.
#
#   export SECRETS_HELM_ORACLE="$(scripts/ensure-go.sh)"
#   scripts/ensure-go.sh wasm    # the same program as WebAssembly (for measurements)
set -euo pipefail
cd "$(dirname "$0")/.."

src=plugins/secrets-node/oracle
out="$src/.bin"
packages=(
  golang-go
  golang-github-masterminds-sprig-dev
  golang-github-ghodss-yaml-dev
  golang-gopkg-yaml.v2-dev
  golang-github-burntsushi-toml-dev
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "[go] installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq >&2
  $sudo apt-get install -y -qq "${missing[@]}" >&2
fi

gocode=/usr/share/gocode
mkdir -p "$out"
# Debian installs modules at their path without the /vN suffix; a small GOPATH
# of links gives the suffixed import paths sprig v3 uses.
gopath="$(pwd)/$out/gopath"
link() {
  mkdir -p "$(dirname "$gopath/src/$1")"
  ln -sfn "$gocode/src/$2" "$gopath/src/$1"
}
link github.com/Masterminds/sprig/v3 github.com/Masterminds/sprig
link github.com/Masterminds/semver/v3 github.com/Masterminds/semver

build() { # target, then GOOS/GOARCH settings
  local target="$1"
  shift
  if [ -f "$target" ]; then
    if [ -z "$(find "$src" -maxdepth 1 -name '*.go' -newer "$target")" ]; then
      echo "$target"
      return
    fi
  fi
  env GO111MODULE=off GOFLAGS= GOPROXY=off GOPATH="$gopath:$gocode" \
    GOCACHE="$(pwd)/$out/cache" "$@" go build -trimpath -o "$target" "./$src" >&2
  echo "$target"
}

case "${1:-native}" in
  native) target="$(build "$out/helm-oracle")" ;;
  wasm) target="$(build "$out/helm-oracle.wasm" GOOS=js GOARCH=wasm)" ;;
  *) echo "usage: $0 [native|wasm]" >&2; exit 2 ;;
esac
echo "$(pwd)/$target"
