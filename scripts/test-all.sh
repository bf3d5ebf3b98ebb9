#!/usr/bin/env bash
# Every test, in order, as `npm test` runs them. It names the versions of the parts the tests ran
# against and times each suite, so that a red run says at once what changed and where time went.
set -euo pipefail
cd "$(dirname "$0")/.."

# Building LiveKit takes minutes on a cold machine: it builds while the other suites run.
mkdir -p .tools
nice -n 19 sh scripts/ensure-livekit-server.sh >.tools/livekit-build.log 2>&1 &
livekit_build=$!

durations=()
report() {
  kill "$livekit_build" 2>/dev/null || true
  echo "=== durations"
  printf '%s\n' "${durations[@]}"
}
trap report EXIT
step() {
  local name=$1
  shift
  local start=$SECONDS
  echo "=== $name"
  "$@"
  durations+=("$name $((SECONDS - start)) s")
}

first_line() { "$@" 2>/dev/null | head -n 1 || true; }
postgres_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

echo "=== versions"
echo "node        $(node --version)"
echo "chromium    $(first_line /usr/bin/chromium --version)"
echo "postgresql  $(first_line "$(postgres_bin)/postgres" --version)"
echo "redis       $(first_line redis-server --version)"

step typecheck npm run --silent typecheck
step lint npm run --silent lint
step build npm run --silent build:all
step unit npm run --silent test:unit
step integration npm run --silent test:integration
step e2e npm run --silent test:e2e
if ! wait "$livekit_build"; then
  cat .tools/livekit-build.log >&2
  exit 1
fi
echo "livekit     $(first_line "$(ls .tools/livekit-server-* | head -n 1)" --version)"
step voice npm run --silent test:voice
