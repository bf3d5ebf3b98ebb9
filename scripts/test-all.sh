#!/usr/bin/env bash
# Every test, in order, as `npm test` runs them. It names the versions of the parts the tests ran
# against and times each suite, so that a red run says at once what changed and where time went.
set -euo pipefail
cd "$(dirname "$0")/.."

# Building LiveKit takes minutes on a cold machine: it builds while the other suites run.
mkdir -p .tools
rm -f .tools/livekit-build.status .tools/voice.duration
(
  status=0
  nice -n 19 sh scripts/ensure-livekit-server.sh >.tools/livekit-build.log 2>&1 || status=$?
  echo "$status" >.tools/livekit-build.status
) &
livekit_build=$!

durations=()
voice=
report() {
  kill "$livekit_build" 2>/dev/null || true
  if [ -n "$voice" ]; then
    kill -- "-$voice" 2>/dev/null || true
    echo "=== voice (beside e2e)"
    cat .tools/voice.log
  fi
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
# The browser suites leave most of a second core idle while they wait on pages and peers, so the voice
# suite runs beside the e2e suite (each file of a suite still runs alone), in a session of its own so
# that a red e2e run stops it too. Its output is shown whole once the e2e suite is done.
setsid bash -c '
  for _ in $(seq 1800); do
    [ -f .tools/livekit-build.status ] && break
    sleep 1
  done
  if [ "$(cat .tools/livekit-build.status 2>/dev/null)" != 0 ]; then
    cat .tools/livekit-build.log
    exit 1
  fi
  server=$(ls .tools/livekit-server-* | head -n 1)
  echo "livekit     $("$server" --version 2>/dev/null | head -n 1)"
  start=$SECONDS
  status=0
  npm run --silent test:voice || status=$?
  echo "voice $((SECONDS - start)) s (beside e2e)" >.tools/voice.duration
  exit "$status"
' >.tools/voice.log 2>&1 &
voice=$!
step e2e npm run --silent test:e2e
voice_status=0
wait "$voice" || voice_status=$?
echo "=== voice (beside e2e)"
cat .tools/voice.log
voice=
if [ -f .tools/voice.duration ]; then durations+=("$(cat .tools/voice.duration)"); fi
exit "$voice_status"
