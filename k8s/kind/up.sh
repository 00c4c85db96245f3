#!/usr/bin/env bash
# Runs the tracekit demo in a local kind cluster, end to end:
#   1. creates the kind cluster of k8s/kind/cluster.yaml (or reuses it),
#   2. builds the six example images (examples/<service>/Dockerfile) and loads them into kind,
#   3. applies the kind overlay (kubectl apply -k k8s/overlays/kind) and waits for the rollouts,
#   4. port-forwards Jaeger's query API, sends traffic through the frontend's NodePort,
#   5. prints one trace from Jaeger's API as a tree.
# Needs Docker (a running engine), kind (v0.33.0 or later), kubectl and curl; node or python3
# for printing the trace. Usage:
#   k8s/kind/up.sh            # create or reuse the cluster, build, deploy, show a trace
#   k8s/kind/up.sh --delete   # delete the cluster
# Knobs: CLUSTER_NAME (tracekit), JAEGER_LOCAL_PORT (16686), REQUESTS (20).
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CLUSTER_NAME="${CLUSTER_NAME:-tracekit}"
CONTEXT="kind-${CLUSTER_NAME}"
JAEGER_LOCAL_PORT="${JAEGER_LOCAL_PORT:-16686}"
REQUESTS="${REQUESTS:-20}"
FRONTEND_URL="http://127.0.0.1:30080"   # NodePort 30080, mapped to the host by cluster.yaml
IMAGE_TAG=0.1.0
SERVICES=(inventory pricing payments orders gateway frontend)
# The Node services need the workspace's @tracekit/node: their build context is the repository
# root. The others build from their own folder.
NODE_SERVICES=" frontend gateway orders "

log() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
need() { for tool in "$@"; do command -v "$tool" >/dev/null || die "$tool is needed (see k8s/README.md)"; done; }

need kind kubectl
if [[ "${1:-}" == "--delete" ]]; then
  kind delete cluster --name "$CLUSTER_NAME"
  exit 0
fi
need docker curl
docker info >/dev/null 2>&1 || die "the Docker engine is not reachable (docker info failed)"
k() { kubectl --context "$CONTEXT" "$@"; }

log "kind cluster ${CLUSTER_NAME}"
if kind get clusters 2>/dev/null | grep -qx "$CLUSTER_NAME"; then
  echo "reusing the existing cluster"
else
  kind create cluster --name "$CLUSTER_NAME" --config "$REPO_ROOT/k8s/kind/cluster.yaml" --wait 180s
fi

log "building and loading the example images"
for service in "${SERVICES[@]}"; do
  image="tracekit-examples/${service}:${IMAGE_TAG}"
  dockerfile="$REPO_ROOT/examples/${service}/Dockerfile"
  [[ -f "$dockerfile" ]] || die "$dockerfile is missing"
  if [[ "$NODE_SERVICES" == *" ${service} "* ]]; then context="$REPO_ROOT"; else context="$REPO_ROOT/examples/${service}"; fi
  docker build --file "$dockerfile" --tag "$image" "$context"
  kind load docker-image --name "$CLUSTER_NAME" "$image"
done

log "applying k8s/overlays/kind"
k apply -k "$REPO_ROOT/k8s/overlays/kind"
k -n observability rollout status deployment/otel-collector --timeout=180s
k -n observability rollout status deployment/jaeger --timeout=180s
for service in "${SERVICES[@]}"; do
  k -n shop rollout status "deployment/${service}" --timeout=300s
done

log "port-forwarding Jaeger's query API to 127.0.0.1:${JAEGER_LOCAL_PORT}"
k -n observability port-forward svc/jaeger-query "${JAEGER_LOCAL_PORT}:16686" >/dev/null 2>&1 &
forward_pid=$!
trap 'kill "$forward_pid" 2>/dev/null || true' EXIT
JAEGER="http://127.0.0.1:${JAEGER_LOCAL_PORT}"
for _ in $(seq 1 30); do curl -fsS "$JAEGER/api/services" >/dev/null 2>&1 && break; sleep 1; done
curl -fsS "$JAEGER/api/services" >/dev/null || die "Jaeger's query API did not answer on $JAEGER"

log "sending ${REQUESTS} requests through the frontend (${FRONTEND_URL})"
for i in $(seq 1 "$REQUESTS"); do
  status=$(curl -s -o /dev/null -w '%{http_code}' "${FRONTEND_URL}/api/orders/${i}" || true)
  printf '%s ' "$status"
done
echo

log "a trace of the frontend, from Jaeger's API"
trace_json=""
for _ in $(seq 1 30); do
  trace_json=$(curl -fsS "$JAEGER/api/traces?service=frontend&limit=1&lookback=1h" || true)
  [[ "$trace_json" == *'"traceID"'* ]] && break
  sleep 2
done
[[ "$trace_json" == *'"traceID"'* ]] || die "no trace of the frontend in Jaeger after 60 s (check: kubectl -n observability logs deploy/otel-collector)"

# Prints the spans as a tree: service, operation, duration. Jaeger's JSON: data[0].spans[] with
# references (CHILD_OF), duration in microseconds, processID into processes{serviceName}.
print_tree_js='
const trace = JSON.parse(require("fs").readFileSync(0, "utf8")).data[0];
const children = new Map();
for (const span of trace.spans) {
  const parent = (span.references || []).find((ref) => ref.refType === "CHILD_OF")?.spanID ?? "";
  children.set(parent, [...(children.get(parent) || []), span]);
}
const ids = new Set(trace.spans.map((span) => span.spanID));
const roots = trace.spans.filter((span) => !(span.references || []).some((ref) => ids.has(ref.spanID)));
const show = (span, depth) => {
  console.log(`${"  ".repeat(depth)}${trace.processes[span.processID].serviceName}: ${span.operationName} (${(span.duration / 1000).toFixed(1)} ms)`);
  for (const child of (children.get(span.spanID) || []).sort((a, b) => a.startTime - b.startTime)) show(child, depth + 1);
};
console.log(`trace ${trace.traceID}, ${trace.spans.length} spans`);
for (const root of roots) show(root, 0);
'
print_tree_py='
import json, sys
trace = json.load(sys.stdin)["data"][0]
ids = {s["spanID"] for s in trace["spans"]}
children = {}
for s in trace["spans"]:
    parent = next((r["spanID"] for r in s.get("references") or [] if r["refType"] == "CHILD_OF"), "")
    children.setdefault(parent, []).append(s)
def show(s, depth):
    print("%s%s: %s (%.1f ms)" % ("  " * depth, trace["processes"][s["processID"]]["serviceName"], s["operationName"], s["duration"] / 1000))
    for c in sorted(children.get(s["spanID"], []), key=lambda c: c["startTime"]):
        show(c, depth + 1)
print("trace %s, %d spans" % (trace["traceID"], len(trace["spans"])))
for s in trace["spans"]:
    if not any(r["spanID"] in ids for r in s.get("references") or []):
        show(s, 0)
'
if command -v node >/dev/null; then
  node -e "$print_tree_js" <<<"$trace_json"
elif command -v python3 >/dev/null; then
  python3 -c "$print_tree_py" <<<"$trace_json"
else
  echo "$trace_json"
fi

cat <<DONE

Jaeger UI:  http://127.0.0.1:30686  (NodePort; or the port-forward above while this script runs)
Shop:       ${FRONTEND_URL}
Delete:     k8s/kind/up.sh --delete
DONE
