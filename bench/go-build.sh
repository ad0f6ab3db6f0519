#!/usr/bin/env bash
# Benchmarks of the Go stage, side by side with the peers, in one run (hyperfine prints the ratios):
#   1. no-op `dotnet build` of samples/hello  vs  no-op `dotnet build` of a plain `dotnet new classlib`
#      (goal: no slower)
#   2. warm two-platform rebuild after a one-line Go edit: `dotnet build`  vs  the two raw
#      `go build` commands with the same flags, one after another (goal: faster, by building in parallel)
#   bench/go-build.sh [runs]    (default 10)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
dotnet build "$hello" -v:q -nologo >/dev/null
dotnet build "$work/classlib" -v:q -nologo >/dev/null

echo "== 1. no-op build: samples/hello (2 platforms) vs a plain classlib"
hyperfine --style basic -w 2 -r "$runs" -N \
  -n "dotnet build hello.goproj (no-op)" "dotnet build $hello -nologo -v:q" \
  -n "dotnet build classlib (no-op)" "dotnet build $work/classlib -nologo -v:q"

raw="cd $work/hello && $(raw_go_build amd64) && $(raw_go_build arm64)"
echo
echo "== 2. warm rebuild of linux/amd64 + linux/arm64 after a one-line edit"
hyperfine --style basic -w 2 -r "$runs" \
  -n "dotnet build hello.goproj (parallel)" --prepare "$edit" "dotnet build $hello -nologo -v:q" \
  -n "go build amd64 && go build arm64" --prepare "$edit" "$raw"

# Where the rebuild's time goes: the GoBuild task (go env check, parallel go build + go list)
# against the fixed cost of starting dotnet build and restoring, which a classlib pays too.
echo
echo "== 2b. the same rebuild, MSBuild's own performance summary (task and target times)"
sh "$work/edit.sh"
dotnet build "$hello" -nologo -v:q -clp:PerformanceSummary | grep -E "^ +[0-9]+ ms +(GoBuild|_GoCompile|Restore) " || true
