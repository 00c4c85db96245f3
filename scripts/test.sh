#!/usr/bin/env bash
# Runs every test: installs what is missing (Node 24, pnpm, packages), builds, typechecks,
# then the vitest projects of every package.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
install_workspace
cd "$REPO_ROOT"
mkdir -p .tools
# The Collector, Jaeger and the Go/Python/Java services take minutes to build the first time:
# build them while the packages are built and checked (the e2e tests wait for the same cache).
node scripts/stack/prepare.mjs > .tools/prepare-stack.log 2>&1 &
prepare_pid=$!
log "build, typecheck and lint"
pnpm exec turbo run build typecheck lint --output-logs=errors-only
log "bench harness self-tests"
pnpm --filter @tracekit/bench test
if ! wait "$prepare_pid"; then
  log "building the example stack failed; its log follows"
  cat .tools/prepare-stack.log >&2
  exit 1
fi
log "tests"
status=0
pnpm exec vitest run --reporter=default --reporter=json --outputFile.json=.tools/vitest-results.json "$@" || status=$?
node scripts/print-test-summary.mjs .tools/vitest-results.json || true
exit "$status"
