#!/usr/bin/env bash
# Runs every test: installs what is missing (Node 24, pnpm, packages), builds, typechecks,
# then the vitest projects of every package.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
install_workspace
cd "$REPO_ROOT"
log "build and typecheck"
pnpm exec turbo run build typecheck --output-logs=errors-only
log "tests"
mkdir -p .tools
status=0
pnpm exec vitest run --reporter=default --reporter=json --outputFile.json=.tools/vitest-results.json "$@" || status=$?
node scripts/print-test-summary.mjs .tools/vitest-results.json || true
exit "$status"
