#!/usr/bin/env bash
# The main job: installs and builds what is needed, starts the example services under
# @tracekit/node/register with an OTLP receiver on loopback, sends requests and prints the
# traces. Stays up until Ctrl-C; pass --exit to stop after printing.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
install_workspace
build_workspace
cd "$REPO_ROOT"
exec node scripts/demo.mjs "$@"
