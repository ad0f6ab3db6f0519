#!/usr/bin/env bash
# Benchmarks of layer compression, side by side with native gzip and pigz, in one run:
#   A. a 64 MiB layer of Go binaries (the Go toolchain's own, as a ContainerFile): a publish after a one-byte edit
#      (random offset, random value: no cache has seen it) minus a no-op publish, vs single-threaded `gzip -6`
#      and `pigz -6` (all cores) of the same bytes (goal: <= 0.80x gzip -6)
#   B. the layer's size vs gzip -6's and pigz -6's (goal: <= 1.02x gzip -6)
#   C. peak RSS of a publish whose ContainerFile is 1 GiB of random bytes (goal: <= 300 MB)
#   D. the same 64 MiB as a zstd layer (ContainerLayerCompression=zstd): edit minus no-op publish vs the reference
#      `zstd -3` single-threaded and on all cores, and its size vs zstd -3's (no goal: the optional format's figures)
#   bench/compression.sh [runs]    (default 5)
set -euo pipefail
set -- "${1:-5}"
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
for tool in gzip pigz zstd python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench/compression.sh: $tool is missing; eng/install-prerequisites.sh installs it" >&2; exit 1; }
done
export UseSharedCompilation=false
export GOIMAGE_CACHE="$work/goimage-cache" # fresh: nothing compressed before this run

# 64 MiB of real Go binaries: the toolchain's tools and commands, concatenated and cut.
goroot=$(go env GOROOT)
cat "$goroot"/pkg/tool/*/* "$goroot"/bin/* 2>/dev/null | head -c 64M > "$work/hello/binaries.bin" || true # cat ends on SIGPIPE
[[ $(stat -c %s "$work/hello/binaries.bin") -eq 67108864 ]] || { echo "bench/compression.sh: the Go toolchain gave less than 64 MiB of binaries" >&2; exit 1; }
sed -i 's#^</Project>#  <ItemGroup>\n    <ContainerFile Include="binaries.bin" TargetPath="/data/binaries.bin" />\n  </ItemGroup>\n</Project>#' "$hello"
grep -q 'ContainerFile Include="binaries.bin"' "$hello" || { echo "bench/compression.sh: could not add binaries.bin to $hello" >&2; exit 1; }
publish="dotnet publish $hello -p:PublishImage=true -nodeReuse:false -nologo -v:q"

# One byte changed at a random offset to another value before each run; the file's size never changes.
cat > "$work/flip.py" <<'PY'
import os, random, sys
path = sys.argv[1]
offset = random.randrange(os.path.getsize(path))
with open(path, "r+b") as f:
    f.seek(offset)
    old = f.read(1)[0]
    f.seek(offset)
    f.write(bytes([(old + random.randrange(1, 256)) % 256]))
PY
flip="python3 $work/flip.py $work/hello/binaries.bin"
# mean ± sd of (edited publish) - (no-op publish): minus edit edit_sd noop noop_sd
minus() { python3 -c 'import math, sys; a, b, c, d = map(float, sys.argv[1:]); print(f"{a - c:.0f} {math.hypot(b, d):.0f}")' "$@"; }
# The size of the layout's largest blob: the layer holding binaries.bin.
largest_blob() {
  python3 - "$work/hello/bin/Release/publish/image" <<'PY'
import os, sys
blobs = os.path.join(sys.argv[1], "blobs", "sha256")
print(max(os.path.getsize(os.path.join(blobs, f)) for f in os.listdir(blobs)))
PY
}
$publish >/dev/null # warms Go's cache, restore and the base layer; the app layers do not change below

echo
echo "== A. compressing a 64 MiB layer of Go binaries: publish after a one-byte edit minus no-op publish, vs gzip -6 and pigz -6 ($(nproc) cores)"
hyperfine --style basic -w 1 -r "$runs" --export-json "$work/a.json" \
  -n "dotnet publish (no-op)" --prepare sync "$publish" \
  -n "dotnet publish (one byte changed)" --prepare "$flip && sync" "$publish" \
  -n "gzip -6" --prepare "$flip && sync" "gzip -6 -c $work/hello/binaries.bin > /dev/null" \
  -n "pigz -6" --prepare "$flip && sync" "pigz -6 -c $work/hello/binaries.bin > /dev/null"
read -r noop noop_sd < <(stat_ms "$work/a.json" 0)
read -r edit edit_sd < <(stat_ms "$work/a.json" 1)
read -r gz gz_sd < <(stat_ms "$work/a.json" 2)
read -r pz pz_sd < <(stat_ms "$work/a.json" 3)
read -r ours ours_sd < <(minus "$edit" "$edit_sd" "$noop" "$noop_sd")
time_ratio=$(ratio "$ours" "$gz" 3)
echo "ours: $ours ± $ours_sd ms ($edit - $noop); gzip -6: $gz ± $gz_sd ms; pigz -6: $pz ± $pz_sd ms"

echo
echo "== B. sizes of the same bytes"
layer=$(largest_blob)
gz_size=$(gzip -6 -c "$work/hello/binaries.bin" | wc -c)
pz_size=$(pigz -6 -c "$work/hello/binaries.bin" | wc -c)
size_ratio=$(ratio "$layer" "$gz_size" 3)
echo "layer: $layer B (its tar holds the file and its folders); gzip -6: $gz_size B; pigz -6: $pz_size B"

echo
echo "== D. the same bytes as a zstd layer: publish after a one-byte edit minus no-op publish, vs zstd -3"
publish_zstd="$publish -p:ContainerLayerCompression=zstd"
$publish_zstd >/dev/null
hyperfine --style basic -w 1 -r "$runs" --export-json "$work/d.json" \
  -n "dotnet publish, zstd layers (no-op)" --prepare sync "$publish_zstd" \
  -n "dotnet publish, zstd layers (one byte changed)" --prepare "$flip && sync" "$publish_zstd" \
  -n "zstd -3 --single-thread" --prepare "$flip && sync" "zstd -3 -q --single-thread -c $work/hello/binaries.bin > /dev/null" \
  -n "zstd -3 -T0" --prepare "$flip && sync" "zstd -3 -q -T0 -c $work/hello/binaries.bin > /dev/null"
read -r znoop znoop_sd < <(stat_ms "$work/d.json" 0)
read -r zedit zedit_sd < <(stat_ms "$work/d.json" 1)
read -r zs zs_sd < <(stat_ms "$work/d.json" 2)
read -r zt zt_sd < <(stat_ms "$work/d.json" 3)
read -r zours zours_sd < <(minus "$zedit" "$zedit_sd" "$znoop" "$znoop_sd")
zlayer=$(largest_blob)
zstd_size=$(zstd -3 -q -c "$work/hello/binaries.bin" | wc -c)
echo "ours (zstd): $zours ± $zours_sd ms ($zedit - $znoop); zstd -3 single-threaded: $zs ± $zs_sd ms; zstd -3 -T0: $zt ± $zt_sd ms"
echo "zstd layer: $zlayer B; zstd -3: $zstd_size B"

echo
echo "== C. peak RSS of a publish with a 1 GiB ContainerFile of random bytes (largest process: /usr/bin/time -v)"
head -c 1G /dev/urandom > "$work/hello/binaries.bin"
/usr/bin/time -v $publish > "$work/big.txt" 2> "$work/big-time.txt" || { cat "$work/big.txt" "$work/big-time.txt" >&2; exit 1; }
rss_kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/big-time.txt")
rss_mb=$((rss_kb / 1024))
wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { print $2 }' "$work/big-time.txt")
echo "peak RSS $rss_mb MB, wall $wall"

echo
echo "== summary ($runs runs; $(nproc) cores; $(gzip --version | head -1), $(pigz --version 2>&1))"
echo "A  64 MiB of binaries, edit minus no-op vs gzip -6:  $ours ± $ours_sd ms vs $gz ± $gz_sd ms  ratio $time_ratio  goal <= 0.80: $(verdict "$time_ratio" 0.80)"
echo "   (pigz -6 on all cores: $pz ± $pz_sd ms, ratio ours/pigz $(ratio "$ours" "$pz" 3))"
echo "B  size vs gzip -6:  $layer B vs $gz_size B  ratio $size_ratio  goal <= 1.02: $(verdict "$size_ratio" 1.02)   (pigz -6: $pz_size B, $(ratio "$layer" "$pz_size" 3))"
echo "C  1 GiB layer, peak RSS: $rss_mb MB  goal <= 300 MB: $(verdict "$rss_mb" 300)"
echo "D  zstd layers, edit minus no-op vs zstd -3 single-threaded: $zours ± $zours_sd ms vs $zs ± $zs_sd ms  ratio $(ratio "$zours" "$zs" 3)   (zstd -3 -T0: $zt ms, $(ratio "$zours" "$zt" 3); vs our gzip: $(ratio "$zours" "$ours" 3))"
echo "   size vs zstd -3: $zlayer B vs $zstd_size B  ratio $(ratio "$zlayer" "$zstd_size" 3)   (vs gzip -6: $(ratio "$zlayer" "$gz_size" 3))"
