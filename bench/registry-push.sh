#!/usr/bin/env bash
# Benchmarks of the push stage, side by side with skopeo, against a local CNCF distribution registry, in one run:
#   A. push of samples/hello (linux/amd64 + linux/arm64) with an extra 64 MiB incompressible layer to a fresh
#      repository each run: `dotnet publish -p:PublishImage=true -p:ContainerRegistry=…` vs `skopeo copy --all`
#      of the same OCI layout (goal: no slower); also the ImagePush task alone (MSBuild's performance summary)
#   B. a re-push with nothing new vs a no-op publish without ContainerRegistry (goal: at most 200 ms more)
#   C. the requests each side sends (the registry's access log): one push to a fresh repository, one re-push
#   bench/registry-push.sh [runs]    (default 5)
set -euo pipefail
set -- "${1:-5}"
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
for tool in skopeo docker-registry curl python3; do
  command -v "$tool" >/dev/null || { echo "bench/registry-push.sh: $tool is missing; eng/install-prerequisites.sh installs it" >&2; exit 1; }
done
export UseSharedCompilation=false
export GOIMAGE_CACHE="$work/goimage-cache"

# The registry: its own config and storage in the temp folder, on a free loopback port; killed on exit.
source "$root/eng/local-registry.sh"
export LOCAL_REGISTRY_ACCESS_LOG=1 # section C reads it; one line a request costs the registry nothing measurable
trap 'stop_local_registry; rm -rf "$work"' EXIT
start_local_registry "$work/registry"
registry=$registry_host
echo "registry: $(docker-registry --version | awk '{print $NF}') at http://$registry/ (storage in the temp folder)"

# samples/hello (the temp copy) with an extra 64 MiB incompressible layer, so the upload dominates.
head -c 64M /dev/urandom > "$work/hello/blob.bin"
sed -i 's#^</Project>#  <ItemGroup>\n    <ContainerFile Include="blob.bin" TargetPath="/data/blob.bin" />\n  </ItemGroup>\n</Project>#' "$hello"
grep -q 'ContainerFile Include="blob.bin"' "$hello" || { echo "bench/registry-push.sh: could not add blob.bin to $hello" >&2; exit 1; }
publish="dotnet publish $hello -p:PublishImage=true -nodeReuse:false -nologo -v:q"
push="$publish -p:ContainerRegistry=$registry"
$publish >/dev/null # writes the layout and warms the layer cache
layout="$work/hello/bin/Release/publish/image"
[[ -f "$layout/index.json" ]] || { echo "bench/registry-push.sh: no OCI layout at $layout" >&2; exit 1; }
# skopeo reads its own copy, which the publishes below (other repositories) cannot touch.
cp -r "$layout" "$work/skopeo-layout"
read -r tag blobs < <(python3 - "$layout" <<'PY'
import json, os, sys
layout = sys.argv[1]
names = [m.get("annotations", {}).get("org.opencontainers.image.ref.name") for m in json.load(open(os.path.join(layout, "index.json")))["manifests"]]
names = [n for n in names if n]
blobs = sorted(os.path.getsize(os.path.join(layout, "blobs", "sha256", f)) for f in os.listdir(os.path.join(layout, "blobs", "sha256")))
print("latest" if "latest" in names else names[0], f"{len(blobs)} blobs, {sum(blobs) / 1048576:.1f} MiB (largest {blobs[-1] / 1048576:.1f} MiB)")
PY
)
echo "layout: $blobs; skopeo copies tag '$tag'"

# A fresh repository each run: --prepare bumps a counter, the command reads it (a shell builtin, no process).
# --prepare also syncs: each push leaves ~70 MiB of the registry's writes dirty, and their writeback otherwise
# stalls a later run (any command, ours or not) by up to 0.7 s at random on this machine.
# skopeo remembers where it pushed each blob (its blob-info cache, /var/lib/containers/cache as root) and would
# mount the big layer from the previous run's repository instead of uploading it; ours mounts only base layers.
# So skopeo gets an empty cache each run: a private tmpfs over that folder (root), or its own XDG_DATA_HOME.
echo 0 > "$work/n"
cat > "$work/next.sh" <<NEXT
#!/bin/sh
echo \$((\$(cat "$work/n") + 1)) > "$work/n"
rm -rf "$work/skopeo-data"
sync
NEXT
skopeo_copy="skopeo copy -q --all --dest-tls-verify=false oci:$work/skopeo-layout:$tag docker://$registry/bench/skopeo-\$n:latest"
if [[ $(id -u) -eq 0 ]]; then
  mkdir -p /var/lib/containers/cache
  unshare -m true 2>/dev/null || { echo "bench/registry-push.sh: unshare -m failed (skopeo's blob-info cache would skew the runs)" >&2; exit 1; }
  skopeo_cmd="read n < $work/n; export n; unshare -m sh -c 'mount -t tmpfs goimage-bench /var/lib/containers/cache && exec $skopeo_copy'"
else
  skopeo_cmd="read n < $work/n; XDG_DATA_HOME=$work/skopeo-data $skopeo_copy"
fi
ours_cmd="read n < $work/n; $push -p:ContainerRepository=bench/ours-\$n"

echo
echo "== A. push of the two-platform image (+64 MiB layer) to a fresh repository: dotnet publish vs skopeo copy --all"
hyperfine --style basic -w 1 -r "$runs" --export-json "$work/a.json" \
  -n "dotnet publish -p:ContainerRegistry (fresh repository)" --prepare "sh $work/next.sh" "$ours_cmd" \
  -n "skopeo copy --all oci: docker:// (fresh repository)" --prepare "sh $work/next.sh" "$skopeo_cmd"
read -r ours ours_sd < <(stat_ms "$work/a.json" 0)
read -r skopeo skopeo_sd < <(stat_ms "$work/a.json" 1)
# Every run really went to its own repository (and skopeo's did not mount): one per run and warm-up, each.
repos=$(curl -fsS "http://$registry/v2/_catalog?n=1000" | python3 -c 'import json, sys; r = json.load(sys.stdin)["repositories"]; print(sum(x.startswith("bench/ours-") for x in r), sum(x.startswith("bench/skopeo-") for x in r))')
echo "repositories in the registry: $repos (ours, skopeo)"

# The ImagePush task alone, without MSBuild's start and the no-op build: its line in the task performance summary.
echo
echo "== A2. where a push's time goes ($runs more pushes to fresh repositories; MSBuild's performance summary)"
task_times=()
for i in $(seq "$runs"); do
  sh "$work/next.sh"
  read -r n < "$work/n"
  $push -p:ContainerRepository="bench/ours-$n" -v:m -clp:PerformanceSummary > "$work/summary.txt"
  t=$(awk '/Task Performance Summary/ { tasks = 1 } tasks && $2 == "ms" && $3 == "ImagePush" { print $1; exit }' "$work/summary.txt")
  [[ -n $t ]] || { echo "bench/registry-push.sh: no ImagePush line in the performance summary:" >&2; cat "$work/summary.txt" >&2; exit 1; }
  task_times+=("$t")
  if [[ $i -eq 1 ]]; then
    grep -E "ImagePush: " "$work/summary.txt" | sed 's/^ */  /' || true
    awk '/Target Performance Summary/ { t = 1 } /Task Performance Summary/ { t = 0; k = 1 }
         (t || k) && $2 == "ms" && $3 ~ /^(GoBuild|ImageLayer|ImageLayout|ImagePush|Restore)$/ { print "  " (t ? "target " : "task   ") $0 }' "$work/summary.txt"
  fi
done
read -r task task_sd < <(python3 -c 'import statistics, sys; v = [float(x) for x in sys.argv[1:]]; print(f"{statistics.mean(v):.0f} {statistics.stdev(v) if len(v) > 1 else 0:.0f}")' "${task_times[@]}")
echo "ImagePush task: $task ± $task_sd ms (runs: ${task_times[*]} ms)"
whole_ratio=$(ratio "$ours" "$skopeo")
task_ratio=$(ratio "$task" "$skopeo")
echo "whole publish: $ours ± $ours_sd ms; ImagePush task: $task ± $task_sd ms; skopeo copy: $skopeo ± $skopeo_sd ms"
echo "ratio ours/skopeo: whole publish $whole_ratio (goal <= 1.00: $(verdict "$whole_ratio" 1)), task alone $task_ratio (goal <= 1.00: $(verdict "$task_ratio" 1))"

echo
echo "== B. re-push with nothing new (bench/repush already holds it all) vs a no-op publish without ContainerRegistry"
$push -p:ContainerRepository=bench/repush >/dev/null
hyperfine --style basic -w 2 -r "$runs" -N --export-json "$work/b.json" \
  -n "dotnet publish -p:ContainerRegistry (re-push, nothing new)" --prepare sync "$push -p:ContainerRepository=bench/repush" \
  -n "dotnet publish (no-op, no registry)" --prepare sync "$publish"
read -r repush repush_sd < <(stat_ms "$work/b.json" 0)
read -r noop noop_sd < <(stat_ms "$work/b.json" 1)
read -r adds adds_sd < <(python3 -c 'import math, sys; a, b, c, d = map(float, sys.argv[1:]); print(f"{a - c:.0f} {math.hypot(b, d):.0f}")' "$repush" "$repush_sd" "$noop" "$noop_sd")
echo "re-push adds $adds ± $adds_sd ms over the no-op publish ($repush - $noop) (goal <= 200 ms: $(verdict "$adds" 200))"
$push -p:ContainerRepository=bench/repush -v:m -clp:PerformanceSummary > "$work/summary.txt"
grep -E "ImagePush: .*(uploaded|present|mounted)" "$work/summary.txt" | grep -v "  ImagePush: sha256" | sed 's/^ */  /' || true
awk '/Task Performance Summary/ { k = 1 } k && $2 == "ms" && $3 == "ImagePush" { print "  one re-push: ImagePush task " $1 " ms"; exit }' "$work/summary.txt"

echo
echo "== C. requests sent (the registry's access log): method and endpoint, count; ours, then skopeo"
registry_log="$work/registry/registry.log"
requests_since() { # the access-log lines after line $1, summarised per method and endpoint
  tail -n +"$(($1 + 1))" "$registry_log" | python3 -c '
import re, sys, collections
counts = collections.Counter()
for line in sys.stdin:
    m = re.search(r"\"([A-Z]+) (/v2/[^ ?]*)[^\"]* HTTP/[0-9.]+\" (\d{3})", line)
    if not m:
        continue
    method, path, status = m.groups()
    kind = ("ping" if path == "/v2/" else "upload" if "/blobs/uploads/" in path else "blob" if "/blobs/" in path
            else "manifest" if "/manifests/" in path else "referrers" if "/referrers/" in path else "other")
    counts[f"{method} {kind} {status}"] += 1
print(f"{sum(counts.values())} requests: " + ", ".join(f"{k} x{v}" for k, v in sorted(counts.items())))'
}
sh "$work/next.sh"
read -r n < "$work/n"
mark=$(wc -l < "$registry_log")
$push -p:ContainerRepository="bench/ours-$n" >/dev/null
echo "ours,   fresh repository: $(requests_since "$mark")"
mark=$(wc -l < "$registry_log")
eval "$skopeo_cmd" # reads the same counter: bench/skopeo-$n
echo "skopeo, fresh repository: $(requests_since "$mark")"
mark=$(wc -l < "$registry_log")
$push -p:ContainerRepository=bench/repush >/dev/null
echo "ours,   re-push (nothing new): $(requests_since "$mark")"
echo repush > "$work/n" # skopeo's re-push goes to bench/skopeo-repush: once to fill it, then the one traced
eval "$skopeo_cmd"
mark=$(wc -l < "$registry_log")
eval "$skopeo_cmd"
echo "skopeo, re-push (nothing new): $(requests_since "$mark")"

echo
echo "== summary ($runs runs; 2 platforms + a 64 MiB layer; registry $(docker-registry --version | awk '{print $NF}'), $(skopeo --version))"
echo "A  push, whole publish vs skopeo copy --all:  $ours ± $ours_sd ms vs $skopeo ± $skopeo_sd ms  ratio $whole_ratio  goal <= 1.00: $(verdict "$whole_ratio" 1)"
echo "A  push, ImagePush task vs skopeo copy --all: $task ± $task_sd ms vs $skopeo ± $skopeo_sd ms  ratio $task_ratio  goal <= 1.00: $(verdict "$task_ratio" 1)"
echo "B  re-push minus no-op publish:               $adds ± $adds_sd ms ($repush - $noop)  ratio $(ratio "$repush" "$noop")  goal <= 200 ms: $(verdict "$adds" 200)"
echo
printf '%-44s %16s %16s %7s  %s\n' "measure" "GoImage.Sdk" "peer" "ratio" "goal"
printf '%-44s %16s %16s %7s  %s\n' "push, ImagePush task vs skopeo copy --all" "$task ms" "$skopeo ms" "$task_ratio" "<= 1.00 $(verdict "$task_ratio" 1)"
printf '%-44s %16s %16s %7s  %s\n' "push, whole publish vs skopeo copy --all" "$ours ms" "$skopeo ms" "$whole_ratio" "<= 1.00 $(verdict "$whole_ratio" 1)"
printf '%-44s %16s %16s %7s  %s\n' "re-push (nothing new) vs no-op publish" "$repush ms" "$noop ms" "+$adds ms" "<= +200 ms $(verdict "$adds" 200)"
