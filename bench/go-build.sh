#!/usr/bin/env bash
# Benchmarks of the Go stage, side by side with the peers, in one run (hyperfine prints the ratios):
#   1. no-op `dotnet build` of samples/hello  vs  no-op `dotnet build` of a plain `dotnet new classlib`
#      (goal, issue 17: <= 0.80x)
#   2. warm two-platform rebuild after a one-line Go edit: `dotnet build`  vs  the two raw
#      `go build` commands with the same flags, one after another (goal: faster, by building in parallel)
#   bench/go-build.sh [runs]    (default 10)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
dotnet build "$hello" -v:q -nologo >/dev/null
dotnet build "$work/classlib" -v:q -nologo >/dev/null

echo "== 1. no-op build: samples/hello (2 platforms) vs a plain classlib"
hyperfine --style basic -w 2 -r "$runs" -N --export-json "$work/1.json" \
  -n "dotnet build hello.goproj (no-op)" "dotnet build $hello -nologo -v:q" \
  -n "dotnet build classlib (no-op)" "dotnet build $work/classlib -nologo -v:q"
read -r ours ours_sd < <(stat_ms "$work/1.json" 0)
read -r lib lib_sd < <(stat_ms "$work/1.json" 1)
noop_ratio=$(ratio "$ours" "$lib")
echo "no-op build: $ours ± $ours_sd ms; classlib: $lib ± $lib_sd ms; ratio $noop_ratio (goal <= 0.80: $(verdict "$noop_ratio" 0.80))"

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
