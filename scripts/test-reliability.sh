#!/usr/bin/env bash
# The reliability suite (`npm run test:reliability`): load near capacity, faults during load
# (PostgreSQL restart, Kafka SIGKILL, API and worker SIGKILL), fuzzing and the security matrix.
# Runs against the built processes; prints bench/out/reliability-report.md at the end.
# Restarts the machine's PostgreSQL: run it on a machine where that is acceptable (CI, a dev box).
set -euo pipefail
cd "$(dirname "$0")/.."
export KAFKAJS_NO_PARTITIONER_WARNING=1

REPORT_DIR="bench/out/reliability"
REPORT="bench/out/reliability-report.md"

# dist is stale when any source the processes are built from is newer than the last build (tsc
# rewrites its build-info file on every build, but not outputs whose content did not change).
stale() {
  [ -f dist/apps/api/src/main.js ] && [ -f dist/apps/worker/src/main.js ] && [ -f dist/apps/all-in-one/src/main.js ] || return 0
  local ref=dist/.tsbuildinfo.build
  [ -f "$ref" ] || ref=dist/apps/api/src/main.js
  [ -n "$(find apps libs migrations package.json tsconfig.json tsconfig.build.json -newer "$ref" \
    \( -name '*.ts' -o -name '*.json' \) ! -name '*.spec.ts' -print -quit 2>/dev/null)" ]
}
if stale; then
  echo "== build"
  npm run build --silent
fi

# The PostgreSQL fault stops the cluster; whatever happens, leave it running.
ensure_postgres() {
  if command -v pg_lsclusters >/dev/null; then
    pg_lsclusters -h 2>/dev/null | while read -r version name _port status _rest; do
      [ "$status" = "online" ] || pg_ctlcluster "$version" "$name" start || true
    done
  fi
}
trap ensure_postgres EXIT

echo "== Kafka broker"
bash scripts/kafka.sh start

rm -rf "$REPORT_DIR"
mkdir -p "$REPORT_DIR"
started=$(date +%s)
status=0
npx vitest run --config vitest.reliability.config.mts "$@" || status=$?
elapsed=$(( $(date +%s) - started ))

{
  echo "# Reliability report"
  echo
  echo "Run $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(nproc) cores, commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown); suite took ${elapsed} s; vitest exit code ${status}."
  echo
  for section in "$REPORT_DIR"/*.md; do
    [ -e "$section" ] || continue
    cat "$section"
    echo
  done
} > "$REPORT"
echo
echo "== reliability report ($REPORT)"
cat "$REPORT"
exit "$status"
