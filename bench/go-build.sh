#!/usr/bin/env bash
# Benchmarks of the Go stage, side by side with the peers, in one run (hyperfine prints the ratios):
#   1. no-op `dotnet build` of samples/hello  vs  no-op `dotnet build` of a plain `dotnet new classlib`
#      (goal: no slower)
#   2. warm two-platform rebuild after a one-line Go edit: `dotnet build`  vs  the two raw
#      `go build` commands with the same flags, one after another (goal: faster, by building in parallel)
#   bench/go-build.sh [runs]    (default 10)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=${1:-10}
"$root/eng/install-prerequisites.sh" --bench
export PATH="/usr/lib/go-1.23/bin:$PATH"
export NUGET_PACKAGES="$root/artifacts/nuget-packages"
"$root/eng/pack.sh"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$root/samples/hello" "$root/samples/global.json" "$work/"
sed 's#\.\./artifacts/packages#'"$root"'/artifacts/packages#' "$root/samples/NuGet.config" > "$work/NuGet.config"
dotnet new classlib -o "$work/classlib" --no-restore >/dev/null
cp "$root/global.json" "$work/classlib/"
hello="$work/hello/hello.goproj"
dotnet build "$hello" -v:q -nologo >/dev/null
dotnet build "$work/classlib" -v:q -nologo >/dev/null

echo "== 1. no-op build: samples/hello (2 platforms) vs a plain classlib"
hyperfine --style basic -w 2 -r "$runs" -N \
  -n "dotnet build hello.goproj (no-op)" "dotnet build $hello -nologo -v:q" \
  -n "dotnet build classlib (no-op)" "dotnet build $work/classlib -nologo -v:q"

# A one-line edit before every run: a new string constant, so Go really recompiles and relinks.
cat > "$work/edit.sh" <<EDIT
#!/bin/sh
sed -i "s/^var version = .*/var version = \\"bench-\$(date +%s%N)\\"/" "$work/hello/main.go"
EDIT
edit="sh $work/edit.sh"
# The peer: what a hand-written script runs, with the flags and environment the SDK uses.
raw_go_build() {
  echo "GOTOOLCHAIN=local CGO_ENABLED=0 GOOS=linux GOARCH=$1 go build -o $work/raw/$1/hello -trimpath -buildvcs=false '-ldflags=-s -w -X main.version=1.4.2' ."
}
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
