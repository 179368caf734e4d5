#!/usr/bin/env bash
# The whole suite: services up → format/lint → typecheck → unit/integration tests → browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '\033[2m[tandem test]\033[0m %s\n' "$*" >&2; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_port() { for _ in $(seq 1 60); do port_open "$1" && return 0; sleep 0.5; done; echo "tandem test: $2 did not start" >&2; exit 1; }

ensure_services() {
  if ! port_open 3306; then
    say "starting MariaDB"
    start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
    wait_port 3306 MariaDB
  fi
  if ! port_open 6379; then
    say "starting Redis"
    mkdir -p /var/lib/redis /var/log/redis
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
      --dir /var/lib/redis --logfile /var/log/redis/ci.log
    wait_port 6379 Redis
  fi
}

ensure_chromium() {
  if [ ! -x /usr/bin/chromium ]; then
    say "installing Debian's chromium for browser tests"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null
  fi
}

REPORTS=test-results/reports
rm -rf "$REPORTS" && mkdir -p "$REPORTS"
status=0
ensure_services
if [ "${1:-}" != "--e2e-only" ]; then
  say "format + lint (biome)"
  pnpm exec biome check .
  say "typecheck (tsc --noEmit)"
  pnpm exec tsc -p tsconfig.json --noEmit
  say "unit and integration tests (vitest, SQLite and MariaDB, Redis)"
  pnpm exec vitest run --reporter=default --reporter=json --outputFile.json="$REPORTS/unit.json" || status=1
fi
if [ -d e2e ] && ls e2e/*.test.ts >/dev/null 2>&1; then
  ensure_chromium
  say "browser tests (playwright-core + chromium); screenshots in test-results/e2e"
  pnpm exec vitest run --config e2e/vitest.config.ts --reporter=default --reporter=json --outputFile.json="$REPORTS/e2e.json" || status=1
fi
node scripts/test-summary.ts "$REPORTS"/*.json || status=1
exit $status
