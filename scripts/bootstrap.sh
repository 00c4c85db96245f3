#!/usr/bin/env bash
# Sourced by the other scripts: puts a Node >= 22.15 and pnpm on PATH, installs the workspace.
# Tools are cached outside the repository (TRACEKIT_CACHE, default ~/.cache/tracekit) so a
# second run is fast; on a fresh machine everything comes from the npm registry.
set -euo pipefail

TRACEKIT_CACHE="${TRACEKIT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tracekit}"
NODE_WANTED_MAJOR=24
NODE_PACKAGE_VERSION=24.21.0
PNPM_VERSION=10.34.8
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export TRACEKIT_CACHE REPO_ROOT

log() { printf '\033[1;34m[tracekit]\033[0m %s\n' "$*" >&2; }

node_is_recent_enough() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=15)?0:1)'
}

ensure_node() {
  if node_is_recent_enough; then return; fi
  local dir="$TRACEKIT_CACHE/node-$NODE_PACKAGE_VERSION"
  if [ ! -x "$dir/node_modules/.bin/node" ]; then
    command -v npm >/dev/null 2>&1 || { log "npm is required to fetch Node $NODE_WANTED_MAJOR; install Node.js first"; exit 1; }
    log "Node $(node --version 2>/dev/null || echo none) is older than 22.15: installing node@$NODE_PACKAGE_VERSION from the npm registry into $dir"
    mkdir -p "$dir"
    (cd "$dir" && echo '{"private":true}' > package.json && npm install --no-save --no-audit --no-fund --loglevel=error "node@$NODE_PACKAGE_VERSION" >/dev/null)
  fi
  export PATH="$dir/node_modules/.bin:$PATH"
  node_is_recent_enough || { log "could not obtain a Node >= 22.15"; exit 1; }
}

ensure_pnpm() {
  local dir="$TRACEKIT_CACHE/pnpm-$PNPM_VERSION"
  if [ ! -x "$dir/node_modules/.bin/pnpm" ]; then
    log "installing pnpm@$PNPM_VERSION into $dir"
    mkdir -p "$dir"
    (cd "$dir" && echo '{"private":true}' > package.json && npm install --no-save --no-audit --no-fund --loglevel=error "pnpm@$PNPM_VERSION" >/dev/null)
  fi
  export PATH="$dir/node_modules/.bin:$PATH"
}

install_workspace() {
  cd "$REPO_ROOT"
  local frozen="--frozen-lockfile"
  [ -f pnpm-lock.yaml ] || frozen=""
  log "pnpm install"
  # A modules folder installed from another store (another TRACEKIT_CACHE) is replaced, not
  # asked about: without a TTY pnpm would abort.
  pnpm install $frozen --config.store-dir="$TRACEKIT_CACHE/pnpm-store" --config.confirmModulesPurge=false --reporter=silent
}

build_workspace() {
  cd "$REPO_ROOT"
  log "building packages"
  pnpm exec turbo run build --output-logs=errors-only
}

ensure_node
ensure_pnpm
log "node $(node --version), pnpm $(pnpm --version)"
