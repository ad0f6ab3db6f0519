#!/usr/bin/env bash
# Warm rebuild of samples/cgo after a .c edit, per platform: `dotnet build` vs the raw `go build` with the
# same flags and environment (CGO_ENABLED=1, CC, tags netgo osusergo, -linkmode external -extldflags -static).
# Each run first writes a new random string into checksum.c, so cgo, the C compiler and the linker really run.
# Goal: no slower. hyperfine prints the ratio per platform.
#   bench/cgo-rebuild.sh [runs]    (default 10)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

cp -r "$root/samples/cgo" "$work/"
rm -rf "$work/cgo/bin" "$work/cgo/obj"
cgo="$work/cgo/cgo.goproj"
echo 'const char *goimage_bench = "start";' >> "$work/cgo/checksum.c"
cat > "$work/edit-c.sh" <<EDIT
#!/bin/sh
sed -i "s/^const char \*goimage_bench = .*/const char *goimage_bench = \\"bench-\$(date +%s%N)\\";/" "$work/cgo/checksum.c"
EDIT
edit="sh $work/edit-c.sh"

raw_cgo_build() { # ARCH CC
  echo "cd $work/cgo && GOTOOLCHAIN=local CGO_ENABLED=1 CC=$2 GOOS=linux GOARCH=$1 go build -o $work/raw/$1/cgo -trimpath -buildvcs=false -tags=netgo,osusergo '-ldflags=-s -w -linkmode external -extldflags -static' ."
}

for platform in "amd64 gcc" "arm64 aarch64-linux-gnu-gcc"; do
  set -- $platform
  dotnet build "$cgo" -nologo -v:q "-p:GoTargetPlatforms=linux/$1" >/dev/null
  eval "$(raw_cgo_build "$1" "$2")"
  echo
  echo "== warm rebuild of samples/cgo for linux/$1 after a .c edit"
  hyperfine --style basic -w 2 -r "$runs" \
    -n "dotnet build cgo.goproj linux/$1" --prepare "$edit" "dotnet build $cgo -nologo -v:q -p:GoTargetPlatforms=linux/$1" \
    -n "go build linux/$1" --prepare "$edit" "$(raw_cgo_build "$1" "$2")"
done
