# Shared by the bench/ scripts (sourced): the prerequisites, a packed SDK, and a temp copy of
# samples/hello beside a plain classlib, both referencing the packed SDK.
# Sets: root, runs, work (removed on exit), hello (the .goproj), edit (a one-line Go edit command),
# and the function raw_go_build ARCH (the peer's go build, with the SDK's flags and environment).
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=${1:-10}
"$root/eng/install-prerequisites.sh" --bench
export PATH="/usr/lib/go-1.23/bin:$PATH"
export NUGET_PACKAGES="$root/artifacts/nuget-packages"
"$root/eng/pack.sh"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$root/samples/hello" "$root/samples/global.json" "$work/"
rm -rf "$work/hello/bin" "$work/hello/obj"
sed 's#\.\./artifacts/packages#'"$root"'/artifacts/packages#' "$root/samples/NuGet.config" > "$work/NuGet.config"
dotnet new classlib -o "$work/classlib" --no-restore >/dev/null
cp "$root/global.json" "$work/classlib/"
hello="$work/hello/hello.goproj"

# A one-line edit before every run: a new string constant, so Go really recompiles and relinks.
# (hyperfine's --prepare runs under sh, so the edit is a script.)
cat > "$work/edit.sh" <<EDIT
#!/bin/sh
sed -i "s/^var version = .*/var version = \\"bench-\$(date +%s%N)\\"/" "$work/hello/main.go"
EDIT
edit="sh $work/edit.sh"

raw_go_build() {
  echo "GOTOOLCHAIN=local CGO_ENABLED=0 GOOS=linux GOARCH=$1 go build -o $work/raw/$1/hello -trimpath -buildvcs=false '-ldflags=-s -w -X main.version=1.4.2' ."
}

# Reading hyperfine's JSON export and judging a goal, for every script alike:
# stat_ms FILE N    -> "mean stddev" in ms of command number N (from 0)
# ratio A B [DIGITS] -> A / B, two decimals unless told
# verdict A GOAL    -> "met" when A <= GOAL, else "NOT met"
stat_ms() {
  python3 - "$1" "$2" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][int(sys.argv[2])]
print(f'{r["mean"] * 1000:.0f} {(r["stddev"] or 0) * 1000:.0f}')
PY
}
ratio() { python3 -c 'import sys; print(f"{float(sys.argv[1]) / float(sys.argv[2]):.{int(sys.argv[3])}f}")' "$1" "$2" "${3:-2}"; }
verdict() { python3 -c 'import sys; print("met" if float(sys.argv[1]) <= float(sys.argv[2]) else "NOT met")' "$1" "$2"; }
