#!/usr/bin/env bash
# Benchmarks of the image stage, side by side with the peers, in one run:
#   1. what `dotnet publish -p:PublishImage=true` adds after a one-line Go edit, i.e. (publish after the
#      edit) minus (no-op publish), vs the hand-written peer pipeline after the same edit: the two raw
#      `go build`s one after another plus umoci building the two-platform image (init, then new, unpack,
#      copy, repack, config per platform) (goal, issue 17: <= 0.60x); and the same with
#      ContainerLayerCompression=zstd (the peer stays gzip: umoci writes no zstd); and the floor: the same
#      two go builds at once, no image (what GoBuild itself cannot go below)
#   2. no-op `dotnet publish -p:PublishImage=true` of samples/hello vs no-op `dotnet build` of a plain
#      `dotnet new classlib` (goal: no slower)
#   3. bytes of the linux/amd64 image (the sum of its manifest's layer sizes) vs the binary alone through
#      `gzip -6` (goal: the embedded static base adds at most 512 KiB)
#   bench/image-publish.sh [runs]    (default 10)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
for tool in umoci python3; do
  if ! command -v "$tool" >/dev/null; then
    case $tool in
      umoci) echo "bench/image-publish.sh: umoci (the peer) is missing; the peers come from eng/install-prerequisites.sh (run it as root or with sudo)" >&2 ;;
      *) echo "bench/image-publish.sh: $tool is missing (it reads hyperfine's figures and the image layout)" >&2 ;;
    esac
    exit 1
  fi
done
# No compiler server left running after the classlib's first build (MSBuild reads this as a property).
export UseSharedCompilation=false
# The user-level layer cache lives in the temp folder too, so every run's new app layers go with it.
export GOIMAGE_CACHE="$work/goimage-cache"
publish="dotnet publish $hello -p:PublishImage=true -nodeReuse:false -nologo -v:q"
publish_zstd="$publish -p:ContainerLayerCompression=zstd"
dotnet build "$work/classlib" -nodeReuse:false -v:q -nologo >/dev/null
$publish >/dev/null
layout="$work/hello/bin/Release/publish/image"
[[ -f "$layout/index.json" ]] || { echo "bench/image-publish.sh: no OCI layout at $layout" >&2; exit 1; }

# The peer, in two halves: the raw go builds with the flags and environment the SDK uses (as in
# bench/go-build.sh), then umoci writing a layout with one tag per platform (umoci cannot
# write an image index) holding the binary at /app/hello as the entrypoint.
rootless=
[[ $(id -u) -eq 0 ]] || rootless=--rootless
cat > "$work/peer-go.sh" <<PEER
#!/bin/sh
set -e
cd "$work/hello"
$(raw_go_build amd64)
$(raw_go_build arm64)
PEER
cat > "$work/peer-umoci.sh" <<PEER
#!/bin/sh
set -e
rm -rf "$work/umoci" "$work/bundle"
umoci init --layout "$work/umoci"
for arch in amd64 arm64; do
  umoci new --image "$work/umoci:\$arch"
  umoci unpack $rootless --image "$work/umoci:\$arch" "$work/bundle"
  install -D -m 0755 "$work/raw/\$arch/hello" "$work/bundle/rootfs/app/hello"
  umoci repack --image "$work/umoci:\$arch" "$work/bundle"
  rm -rf "$work/bundle"
  umoci config --image "$work/umoci:\$arch" --config.entrypoint /app/hello --config.user 65532:65532 \\
    --architecture "\$arch" --os linux
done
PEER
printf '#!/bin/sh\nset -e\nsh %s\nsh %s\n' "$work/peer-go.sh" "$work/peer-umoci.sh" > "$work/peer.sh"
# The floor no image builder goes below here: the same two go builds at once (as GoBuild runs them), no image.
cat > "$work/floor.sh" <<PEER
#!/bin/sh
cd "$work/hello"
$(raw_go_build amd64) & amd64=\$!
$(raw_go_build arm64) & arm64=\$!
wait \$amd64; amd64=\$?; wait \$arm64 || exit; exit \$amd64
PEER
sh "$work/peer.sh" >/dev/null

echo "== 1. what publish adds after a one-line Go edit vs go build x2 + umoci (2 platforms)"
hyperfine --style basic -w 2 -r "$runs" --export-json "$work/1.json" \
  -n "dotnet publish hello.goproj (no-op)" --prepare "true" "$publish" \
  -n "dotnet publish hello.goproj after an edit" --prepare "$edit" "$publish" \
  -n "dotnet publish hello.goproj (no-op, zstd layers)" --prepare "true" "$publish_zstd" \
  -n "dotnet publish hello.goproj after an edit (zstd layers)" --prepare "$edit" "$publish_zstd" \
  -n "go build amd64 && go build arm64 && umoci (2 tags)" --prepare "$edit" "sh $work/peer.sh" \
  -n "go build amd64 & go build arm64, at once (the floor)" --prepare "$edit" "sh $work/floor.sh"
read -r peer peer_sd < <(stat_ms "$work/1.json" 4)
read -r floor floor_sd < <(stat_ms "$work/1.json" 5)
for pair in "0 1 gzip" "2 3 zstd"; do
  read -r noop_at edited_at layers <<<"$pair"
  read -r noop noop_sd < <(stat_ms "$work/1.json" "$noop_at")
  read -r edited edited_sd < <(stat_ms "$work/1.json" "$edited_at")
  python3 - "$layers" "$noop" "$noop_sd" "$edited" "$edited_sd" "$peer" "$peer_sd" "$floor" <<'PY'
import math, sys
layers = sys.argv[1]
noop, noop_sd, edited, edited_sd, peer, peer_sd, floor = map(float, sys.argv[2:])
adds, adds_sd = edited - noop, math.hypot(edited_sd, noop_sd)
print(f"{layers} layers: publish adds {adds:.0f} ± {adds_sd:.0f} ms after an edit ({edited:.0f} - {noop:.0f} no-op); "
      f"go build x2 + umoci: {peer:.0f} ± {peer_sd:.0f} ms; ratio {adds / peer:.2f} "
      f"(goal <= 0.60: {'met' if adds <= 0.60 * peer else 'NOT met'}); {adds - floor:+.0f} ms over the floor")
PY
done
python3 - "$floor" "$floor_sd" "$peer" <<'PY'
import sys
floor, floor_sd, peer = map(float, sys.argv[1:])
print(f"floor: the two go builds at once, no image: {floor:.0f} ± {floor_sd:.0f} ms, {floor / peer:.2f}x the peer "
      f"(the 0.60 goal is {'above' if floor <= 0.60 * peer else 'below'} it)")
PY

echo
echo "== 1b. where the time goes, one run of each after an edit (MSBuild's performance summary; the peer's halves)"
sh "$work/edit.sh"
$publish -clp:PerformanceSummary | grep -E "^ +[0-9]+ ms +(GoBuild|ImageLayer|ImageLayout|Restore) " || true
sh "$work/edit.sh"
$publish_zstd -clp:PerformanceSummary | grep -E "^ +[0-9]+ ms +(GoBuild|ImageLayer|ImageLayout) " | sed 's/^/zstd layers:/' || true
sh "$work/edit.sh"
t0=$(date +%s%N); sh "$work/peer-go.sh"; t1=$(date +%s%N); sh "$work/peer-umoci.sh" >/dev/null; t2=$(date +%s%N)
echo "peer: go build x2 $(( (t1 - t0) / 1000000 )) ms, umoci $(( (t2 - t1) / 1000000 )) ms"
$publish >/dev/null # the image and binaries below match the sources again

echo
echo "== 2. no-op publish of samples/hello (image, 2 platforms) vs no-op build of a plain classlib"
hyperfine --style basic -w 2 -r "$runs" -N --export-json "$work/2.json" \
  -n "dotnet publish -p:PublishImage=true hello.goproj (no-op)" "$publish" \
  -n "dotnet build classlib (no-op)" "dotnet build $work/classlib -nodeReuse:false -nologo -v:q"
read -r pub pub_sd < <(stat_ms "$work/2.json" 0)
read -r lib lib_sd < <(stat_ms "$work/2.json" 1)
ratio=$(ratio "$pub" "$lib")
echo "no-op publish: $pub ± $pub_sd ms; classlib no-op build: $lib ± $lib_sd ms; ratio $ratio (goal <= 1.00: $(verdict "$ratio" 1))"

echo
echo "== 3. linux/amd64 image bytes vs the binary alone through gzip -6"
binary="$work/hello/bin/Release/linux_amd64/hello"
gz=$(gzip -6 -c "$binary" | wc -c)
python3 - "$layout" "$gz" <<'PY'
import json, os, sys
layout, gz = sys.argv[1], int(sys.argv[2])
def blob(digest):
    algo, hexd = digest.split(":", 1)
    with open(os.path.join(layout, "blobs", algo, hexd)) as f:
        return json.load(f)
def find(index):  # index.json -> image index(es) -> the linux/amd64 manifest
    for d in index.get("manifests", []):
        if d["mediaType"].endswith("image.index.v1+json"):
            found = find(blob(d["digest"]))
            if found:
                return found
        elif d.get("platform", {}).get("architecture") == "amd64" and d["platform"].get("os") == "linux":
            return blob(d["digest"])
    return None
with open(os.path.join(layout, "index.json")) as f:
    manifest = find(json.load(f))
if manifest is None:
    sys.exit("bench/image-publish.sh: no linux/amd64 manifest in " + layout)
sizes = [l["size"] for l in manifest["layers"]]
total = sum(sizes)
extra = (total - gz) / 1024
print(f"amd64 image layers: {total} bytes ({len(sizes)} layers: {' + '.join(map(str, sizes))}); "
      f"gzip -6 binary: {gz} bytes")
base = f"base layer {sizes[0] / 1024:.0f} KiB" if len(sizes) > 1 else "no base layer"
print(f"the image adds {extra:.0f} KiB to the gzip'd binary ({base}); "
      f"goal <= 512 KiB: {'met' if extra <= 512 else 'NOT met'}")
PY
