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
(cd "$root" && go build -o "$tmp/reachlint" ./cmd/reachlint)

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

# measure NAME CMD...: prints "cpu wall" in seconds, medians of R runs.
measure() {
	local cpus=() walls=()
	for _ in $(seq "$R"); do
		/usr/bin/time -o "$tmp/time" -f "%U %S %e" "$@" >/dev/null 2>&1 || true
		read -r u s e < <(tail -1 "$tmp/time")
		cpus+=("$(echo "$u + $s" | bc)")
		walls+=("$e")
	done
	printf '%s %s\n' "$(printf '%s\n' "${cpus[@]}" | sort -g | sed -n "$(( (R + 1) / 2 ))p")" \
		"$(printf '%s\n' "${walls[@]}" | sort -g | sed -n "$(( (R + 1) / 2 ))p")"
}

# repeat K CMD...: runs CMD K times (for inputs below the timer's 10 ms).
repeat() {
	local k=$1
	shift
	for _ in $(seq "$k"); do "$@" >/dev/null 2>&1 || true; done
}
export -f repeat

row() {
	local name=$1 dir=$2 rargs=$3 k=${4:-1}
	read -r rc rw < <(measure bash -c 'repeat "$@"' _ "$k" "$tmp/reachlint" --no-env $rargs)
	rc=$(echo "scale=4; $rc / $k" | bc)
	rw=$(echo "scale=4; $rw / $k" | bc)
	read -r dc dw < <(cd "$dir" && measure node "$dclint" -r .)
	awk -v n="$name" -v rc="$rc" -v rw="$rw" -v dc="$dc" -v dw="$dw" 'BEGIN {
		f = 0.0001
		printf "| %s | %.4f | %.4f | %.2f | %.2f | %.0f× | %.0f× |\n", n, rc, rw, dc, dw, dc / (rc > f ? rc : f), dw / (rw > f ? rw : f) }'
}

echo "| input | reachlint CPU s | reachlint wall s | dclint CPU s | dclint wall s | CPU ratio | wall ratio |"
echo "|---|---|---|---|---|---|---|"
row "bundled example" "$root/testdata/examples/nextjs-api" "$root/testdata/examples/nextjs-api" 100
if [ -d "$root/../shared/corpus" ]; then
	row "shared corpus" "$root/../shared/corpus" "$root/../shared/corpus/..."
fi
row "1,000 projects" "$tmp/projects" "$tmp/projects/..."
row "2,000 services" "$tmp/many" "$tmp/many"
row "1.9 MB file" "$tmp/big" "$tmp/big"
