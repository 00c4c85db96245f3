#!/usr/bin/env bash
# Runs every test: installs what is missing (Node 24, pnpm, packages), builds, typechecks,
# then the vitest projects of every package.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
install_workspace
cd "$REPO_ROOT"
log "build, typecheck and lint"
pnpm exec turbo run build typecheck lint --output-logs=errors-only
log "bench harness self-tests"
pnpm --filter @tracekit/bench test
log "tests"
mkdir -p .tools
status=0
pnpm exec vitest run --reporter=default --reporter=json --outputFile.json=.tools/vitest-results.json "$@" || status=$?
node scripts/print-test-summary.mjs .tools/vitest-results.json || true
exit "$status"
