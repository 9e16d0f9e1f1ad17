#!/usr/bin/env bash
# Whole-process timing: builds reachlint and runs it N times on the bundled
# example (one project) and on a tree of projects, printing the mean wall
# time per run. Uses hyperfine when installed, else a plain loop.
#   scripts/bench-process.sh [N] [TREE]
set -euo pipefail
# go.mod needs Go 1.26.11 or later; our machines' Go is older and set to
# GOTOOLCHAIN=local: build with Go 1.27.3 from the Go module proxy, as .ci/run does.
export GOTOOLCHAIN=go1.27.3
cd "$(dirname "$0")/.."
N=${1:-200}
TREE=${2:-../shared/corpus}
BIN=$(mktemp -d)/reachlint
# Built as releases are (.goreleaser.yaml): static, without cgo.
CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o "$BIN" ./cmd/reachlint
bench() {
  local name=$1; shift
  if command -v hyperfine >/dev/null; then
    hyperfine -N --warmup 5 --runs "$N" -i --export-json /dev/null -s none "$BIN $*" | sed -n 's/^ *Time (mean ± σ): *//p' | sed "s/^/$name: /"
  else
    local start end
    start=$(date +%s%N)
    for _ in $(seq "$N"); do "$BIN" "$@" >/dev/null 2>&1 || true; done
    end=$(date +%s%N)
    echo "$name: $(( (end - start) / N / 1000 )) µs per run (mean of $N)"
  fi
}
bench "example (1 project)" --no-env testdata/examples/nextjs-api
if [ -d "$TREE" ]; then
  n=$(find "$TREE" -name '*compose*.y*ml' | wc -l)
  N=$(( N / 10 + 1 )) bench "tree ($n compose files)" --no-env "$TREE/..."
fi
