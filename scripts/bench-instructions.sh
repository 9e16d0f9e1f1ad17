#!/usr/bin/env bash
# Instructions per operation of item 1's pair (issue 15): BenchmarkLintExample
# (Run, from disk) over BenchmarkParseOnly (yaml/v4's Unmarshal of the same
# bytes), counted by valgrind's callgrind on one thread with the collector
# off. Unlike time, the count does not drift with the machine's load (±0.5 %
# between runs), so it compares two builds where paired timings cannot. It
# counts user-space instructions only: the system calls of a lint from disk,
# and the cache and TLB misses after them, are not in it.
#
#   scripts/bench-instructions.sh [N]    # N iterations per benchmark (default 300)
#
# Needs valgrind (Debian package). Go's runtime reads the clock with RDTSCP,
# which valgrind 3.19 cannot decode (SIGILL): the script patches that one
# instruction in its own copy of the test binary to RDTSC and a NOP, which
# reads the same counter.
set -euo pipefail
export GOTOOLCHAIN=${GOTOOLCHAIN_BENCH:-go1.27.3}
root=$(cd "$(dirname "$0")/.." && pwd)
N=${1:-300}
command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install valgrind)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$root" && go test -c -o "$tmp/linter.test" ./linter)
python3 - "$tmp/linter.test" <<'PY'
import sys
p = sys.argv[1]
b = bytearray(open(p, "rb").read())
# RDTSCP; SHLQ $32, DX; ADDQ DX, AX (runtime.cputicks)
pat = bytes.fromhex("0f01f948c1e2204801d0")
n = b.count(pat)
if n != 1:
    sys.exit("expected one RDTSCP in runtime.cputicks, found %d" % n)
i = b.find(pat)
b[i:i + 3] = bytes.fromhex("0f3190")  # RDTSC; NOP
open(p, "wb").write(b)
PY

# count BENCH FUNC: instructions inside FUNC per benchmark iteration. The
# benchmark runs its body N+1 times (b.Loop's first round has N=1), and
# BenchmarkLintExample runs Run once more before its loop.
count() {
	local out=$tmp/cg.out
	(cd "$root/linter" && GODEBUG=asyncpreemptoff=1 GOMAXPROCS=1 GOGC=off \
		valgrind --tool=callgrind --callgrind-out-file="$out" --toggle-collect="$2" \
		"$tmp/linter.test" -test.run '^$' -test.bench "^$1\$" -test.benchtime "${N}x" >"$tmp/log" 2>&1) ||
		{ tail -20 "$tmp/log" >&2; exit 1; }
	local total
	total=$(callgrind_annotate "$out" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1; exit}')
	echo $((total / (N + $3)))
}
lint=$(count BenchmarkLintExample 'github.com/reachlint/reachlint/linter.Run' 2)
parse=$(count BenchmarkParseOnly 'go.yaml.in/yaml/v4.Unmarshal' 1)
printf 'BenchmarkLintExample  %d instructions/op\nBenchmarkParseOnly    %d instructions/op\nlint/parse            %s\n' \
	"$lint" "$parse" "$(python3 -c "print(round($lint / $parse, 3))")"
