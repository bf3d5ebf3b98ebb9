#!/usr/bin/env sh
# Builds the LiveKit server the voice tests run against, once, into .tools/ (needs Go and the Go
# module proxy; a few minutes on a cold machine, seconds when the module cache is warm).
set -eu
cd "$(dirname "$0")/.."
VERSION=v1.13.5
BINARY=".tools/livekit-server-$VERSION"
if [ -x "$BINARY" ]; then
  exit 0
fi
if ! command -v go >/dev/null 2>&1; then
  echo "Go is needed to build the LiveKit server for the voice tests (Debian: apt-get install golang-go)." >&2
  exit 1
fi
echo "Building livekit-server $VERSION into .tools/"
mkdir -p .tools
GOBIN="$(pwd)/.tools" CGO_ENABLED=0 go install "github.com/livekit/livekit-server/cmd/server@$VERSION"
mv .tools/server "$BINARY"
