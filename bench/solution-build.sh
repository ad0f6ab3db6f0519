#!/usr/bin/env bash
# Benchmarks of a solution of 10 .goproj, side by side with the peers, in one run:
#   1. no-op `dotnet build -m` of a .sln of 10 copies of samples/hello (2 platforms each)  vs  no-op
#      `dotnet build -m` of a .sln of 10 plain `dotnet new classlib` (goal: ≤ 1.00×)
#   2. cold build of the 10 (fresh GOCACHE, no binaries): `dotnet build -m`  vs  the 20 raw `go build`s with
#      the same parallelism: xargs -P <cores> over the projects, each building its two platforms at once, as
#      MSBuild's -m runs a project per core and GoBuild a go per platform (goal: ≤ 1.2×)
#   bench/solution-build.sh [runs]    (default 10 for the no-op, a third of that, at least 2, for the cold build)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
# No compiler server left running after the classlibs' first build (MSBuild reads this as a property).
export UseSharedCompilation=false
export GOCACHE="$work/gocache"
cores=$(nproc)
cold_runs=$(( runs / 3 < 2 ? 2 : runs / 3 ))

# 10 copies of samples/hello, each its own module folder; a different `version` initial value makes each
# main package compile on its own (with -trimpath the shared internal package is one cache entry, for both sides).
gosln="$work/gosln"
mkdir -p "$gosln"
for n in $(seq -w 1 10); do
  cp -r "$work/hello" "$gosln/app$n"
  rm -rf "$gosln/app$n/bin" "$gosln/app$n/obj"
  mv "$gosln/app$n/hello.goproj" "$gosln/app$n/app$n.goproj"
  sed -i "s/^var version = .*/var version = \"app$n\"/" "$gosln/app$n/main.go"
done
(cd "$gosln" && dotnet new sln -n apps --format sln >/dev/null && dotnet sln apps.sln add app*/app*.goproj >/dev/null)

libsln="$work/libsln"
mkdir -p "$libsln"
cp "$root/global.json" "$libsln/"
for n in $(seq -w 1 10); do
  dotnet new classlib -o "$libsln/lib$n" --no-restore >/dev/null
done
(cd "$libsln" && dotnet new sln -n libs --format sln >/dev/null && dotnet sln libs.sln add lib*/lib*.csproj >/dev/null)

build_go="dotnet build $gosln/apps.sln -m -nodeReuse:false -nologo -v:q"
build_libs="dotnet build $libsln/libs.sln -m -nodeReuse:false -nologo -v:q"
$build_go >/dev/null
$build_libs >/dev/null

echo "== 1. no-op dotnet build -m: 10 .goproj (2 platforms each) vs 10 classlibs ($cores cores)"
hyperfine --style basic -w 2 -r "$runs" -N \
  -n "dotnet build -m apps.sln (10 .goproj, no-op)" "$build_go" \
  -n "dotnet build -m libs.sln (10 classlibs, no-op)" "$build_libs"

# The peer: per project, both platforms' go build at once (as GoBuild runs them), projects $cores at a time.
cat > "$work/peer-project.sh" <<PEER
#!/bin/sh
set -e
cd "\$1"
$(raw_go_build amd64 | sed "s#$work/raw/#raw/#") &
amd64=\$!
$(raw_go_build arm64 | sed "s#$work/raw/#raw/#") &
arm64=\$!
wait \$amd64
wait \$arm64
PEER
# Cold: no Go build cache, no binaries, no intermediate files; restore's obj/project.assets.json is kept on both sides.
cat > "$work/cold.sh" <<COLD
#!/bin/sh
rm -rf "$GOCACHE" "$gosln"/app*/bin "$gosln"/app*/obj/Debug "$gosln"/app*/raw
COLD
raw="ls -d $gosln/app*/ | xargs -P $cores -n 1 sh $work/peer-project.sh"
echo
echo "== 2. cold build of the 10 (fresh GOCACHE): dotnet build -m vs the 20 raw go builds, xargs -P $cores"
hyperfine --style basic -w 1 -r "$cold_runs" \
  -n "dotnet build -m apps.sln (cold)" --prepare "sh $work/cold.sh" "$build_go" \
  -n "go build ×20, xargs -P $cores (cold)" --prepare "sh $work/cold.sh" "$raw"
for n in $(seq -w 1 10); do
  [ -x "$gosln/app$n/raw/amd64/hello" ] && [ -x "$gosln/app$n/raw/arm64/hello" ] || { echo "bench/solution-build.sh: the peer built no binary for app$n" >&2; exit 1; }
done

# Where a no-op's time goes: MSBuild's task summary of one no-op solution build.
echo
echo "== 1b. one no-op solution build, MSBuild's performance summary (tasks over 10 ms)"
$build_go >/dev/null
$build_go -clp:PerformanceSummary | awk '/Task Performance Summary/{t=1} t && /^ +[0-9]+ ms/ && $1 >= 10' || true
