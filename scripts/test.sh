#!/usr/bin/env bash
# The one test command (`npm test`): type check, build, spec checks, then every test against the
# machine's real PostgreSQL and a real Kafka broker (started here when it is not running).
set -euo pipefail
cd "$(dirname "$0")/.."
export KAFKAJS_NO_PARTITIONER_WARNING=1

echo "== type check"
npx tsc -p tsconfig.json --noEmit
echo "== lint"
npm run lint --silent
echo "== build"
npm run build --silent
echo "== OpenAPI spec is current and lints clean"
node dist/scripts/openapi.js --check
npx redocly lint openapi/openapi.json --format=summary >/dev/null
echo "== Kafka broker"
bash scripts/kafka.sh start
if [ "$#" -gt 0 ]; then
  npx vitest run "$@"
  exit
fi
echo "== tests"
npx vitest run --exclude 'test/kafka-faults/**'
# These kill and restart the shared broker, so they run alone, after everything else.
echo "== broker and worker crash tests"
npx vitest run test/kafka-faults --maxWorkers 1
