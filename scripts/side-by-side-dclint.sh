#!/bin/sh
# Runs dclint 3.1.0 (the most used Compose linter) and reachlint on the same
# compose files and shows, rule by rule, that every dclint finding of a rule
# reachlint maps is also a reachlint finding, or a documented difference.
#
#   scripts/side-by-side-dclint.sh                 # testdata/peers/dclint
#   scripts/side-by-side-dclint.sh ../shared/corpus
#
# dclint is installed with npm into a temporary prefix (set DCLINT_PREFIX to
# reuse one). Exit status 1 when a finding of a mapped rule is neither found
# nor explained.
set -eu
# go.mod needs Go 1.26.11 or later; our machines' Go is older and set to
# GOTOOLCHAIN=local: build with Go 1.27.3 from the Go module proxy, as .ci/run does.
export GOTOOLCHAIN=go1.27.3
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix=${DCLINT_PREFIX:-$tmp/dclint}
if [ ! -x "$prefix/node_modules/.bin/dclint" ]; then
	npm install --prefix "$prefix" --no-audit --no-fund --silent dclint@3.1.0 >&2
fi
(cd "$root" && CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o "$tmp/reachlint" ./cmd/reachlint)
if [ $# -eq 0 ]; then
	set -- "$root/testdata/peers/dclint"
fi
exec node "$root/scripts/side-by-side-dclint.mjs" "$prefix" "$tmp/reachlint" "$@"
