#!/usr/bin/env bash
# Paired timing of reachlint and dclint 3.1.0 (the most used Compose linter)
# on the same inputs: CPU time (user+sys) and wall time of whole processes,
# each the median of R runs, and the ratio dclint / reachlint.
#
#   scripts/bench-peers.sh [R]          # R runs per measurement (default 5)
#
# Inputs: the bundled example, ../shared/corpus (when present), 1,000
# generated projects, one file of 2,000 services, and one file of ~1.9 MB.
# dclint is installed with npm into a temporary prefix (DCLINT_PREFIX reuses
# one). Nothing is written outside a temporary directory.
set -euo pipefail
# go.mod needs Go 1.26.11 or later; our machines' Go is older and set to
# GOTOOLCHAIN=local: build with Go 1.27.3 from the Go module proxy, as .ci/run does.
export GOTOOLCHAIN=go1.27.3
root=$(cd "$(dirname "$0")/.." && pwd)
R=${1:-5}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix=${DCLINT_PREFIX:-$tmp/dclint}
if [ ! -x "$prefix/node_modules/.bin/dclint" ]; then
	npm install --prefix "$prefix" --no-audit --no-fund --silent dclint@3.1.0 >&2
fi
dclint="$prefix/node_modules/.bin/dclint"
# Built as releases are (.goreleaser.yaml): without cgo, so the binary is
# static and its start-up skips the dynamic loader and libc.
(cd "$root" && CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o "$tmp/reachlint" ./cmd/reachlint)

# Generated inputs.
python3 - "$tmp" <<'PY'
import json, os, sys
t = sys.argv[1]
for i in range(1000):
    d = os.path.join(t, "projects", "p%04d" % i)
    os.makedirs(d)
    open(os.path.join(d, "compose.yaml"), "w").write(
        "services:\n  api:\n    build: ./api\n    ports: [\"%d:3000\"]\n    environment:\n      PORT: \"3000\"\n"
        "      DATABASE_URL: postgres://app:secret@db:5432/app\n  db:\n    image: postgres:16\n"
        "  web:\n    build: ./web\n    environment:\n      API_URL: http://localhost:3000\n" % (10000 + i))
os.makedirs(os.path.join(t, "many"))
s = {"services": {"s%d" % i: {"image": "nginx", "environment": {"URL": "http://x%d:80" % i}} for i in range(2000)}}
open(os.path.join(t, "many", "compose.yaml"), "w").write(json.dumps(s, indent=2))
os.makedirs(os.path.join(t, "big"))
lines = ["services:"]
i = 0
while sum(len(l) + 1 for l in lines) < 1_900_000:
    lines += ["  svc%d:" % i, "    image: nginx:1.27", "    environment:",
              "      UPSTREAM: http://svc%d:80" % (i + 1), "      LABEL: %s" % ("x" * 40)]
    i += 1
open(os.path.join(t, "big", "compose.yaml"), "w").write("\n".join(lines) + "\n")
PY

# measure N CMD...: prints "cpu wall" in seconds, the medians of N runs of
# CMD, each timed alone: CPU is the child's user + system time from wait4
# (the kernel's per-task runtime, finer than time(1)'s 10 ms), wall from a
# monotonic clock around spawn and wait. Output goes to /dev/null.
measure() {
	python3 - "$@" <<'PY'
import os, statistics, sys, time
n, cmd = int(sys.argv[1]), sys.argv[2:]
cpu, wall = [], []
# posix_spawn (vfork-like), not fork: copying this interpreter would add
# about a millisecond to every measured wall time.
quiet = [(os.POSIX_SPAWN_OPEN, fd, os.devnull, os.O_WRONLY, 0) for fd in (1, 2)]
for _ in range(n):
    t = time.perf_counter()
    pid = os.posix_spawnp(cmd[0], cmd, os.environ, file_actions=quiet)
    _, _, ru = os.wait4(pid, 0)
    wall.append(time.perf_counter() - t)
    cpu.append(ru.ru_utime + ru.ru_stime)
print("%.6f %.6f" % (statistics.median(cpu), statistics.median(wall)))
PY
}

# row NAME DIR ARGS [K]: reachlint on ARGS (K times R runs: small inputs
# need more to settle) and dclint in DIR (R runs).
row() {
	local name=$1 dir=$2 rargs=$3 k=${4:-1}
	read -r rc rw < <(measure $((R * k)) "$tmp/reachlint" --no-env $rargs)
	read -r dc dw < <(cd "$dir" && measure "$R" node "$dclint" -r .)
	awk -v n="$name" -v rc="$rc" -v rw="$rw" -v dc="$dc" -v dw="$dw" 'BEGIN {
		f = 0.000001
		printf "| %s | %.4f | %.4f | %.2f | %.2f | %.0f× | %.0f× |\n", n, rc, rw, dc, dw, dc / (rc > f ? rc : f), dw / (rw > f ? rw : f) }'
}

echo "| input | reachlint CPU s | reachlint wall s | dclint CPU s | dclint wall s | CPU ratio | wall ratio |"
echo "|---|---|---|---|---|---|---|"
row "bundled example" "$root/testdata/examples/nextjs-api" "$root/testdata/examples/nextjs-api" 20
if [ -d "$root/../shared/corpus" ]; then
	row "shared corpus" "$root/../shared/corpus" "$root/../shared/corpus/..." 4
fi
row "1,000 projects" "$tmp/projects" "$tmp/projects/..."
row "2,000 services" "$tmp/many" "$tmp/many"
row "1.9 MB file" "$tmp/big" "$tmp/big"
