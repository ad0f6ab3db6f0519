#!/usr/bin/env bash
# Benchmark of goimage resolve, in one run, against a local CNCF distribution registry:
#   a folder of 50 manifest files naming 2 projects (samples/hello and a second project building the same program),
#   the images already pushed: `goimage resolve -f deploy/ --registry …` vs a no-op
#   `dotnet publish -p:PublishImage=true -p:ContainerRegistry=…` of one project (goal: at most 2×)
#   bench/kubernetes-resolve.sh [runs]    (default 5)
set -euo pipefail
set -- "${1:-5}"
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
for tool in docker-registry curl python3 hyperfine; do
  command -v "$tool" >/dev/null || { echo "bench/kubernetes-resolve.sh: $tool is missing; eng/install-prerequisites.sh installs it" >&2; exit 1; }
done
export UseSharedCompilation=false
export GOIMAGE_CACHE="$work/goimage-cache"

source "$root/eng/local-registry.sh"
trap 'stop_local_registry; rm -rf "$work"' EXIT
start_local_registry "$work/registry"
registry=$registry_host

# The goimage tool from the packed feed, in a private tool path.
dotnet tool install GoImage.Tool --version "$(sed -n 's/.*<GoImageVersion>\(.*\)<\/GoImageVersion>.*/\1/p' "$root/Directory.Build.props")" \
  --tool-path "$work/tools" --add-source "$root/artifacts/packages" >/dev/null
goimage="$work/tools/goimage"

# A second project in hello's folder: the same program, its own repository.
mkdir -p "$work/hello/greeter"
cat > "$work/hello/greeter/greeter.goproj" <<'PROJ'
<Project Sdk="GoImage.Sdk">
  <PropertyGroup>
    <GoPackage>..</GoPackage>
    <GoTargetPlatforms>linux/amd64;linux/arm64</GoTargetPlatforms>
    <ContainerRepository>goimage/greeter</ContainerRepository>
  </PropertyGroup>
</Project>
PROJ

# 50 manifests, each a Deployment with comments and a sidecar; odd ones name hello, even ones greeter and hello.
mkdir -p "$work/deploy"
for i in $(seq -w 1 50); do
  if (( 10#$i % 2 )); then images="goimage://hello"; else images="goimage://greeter"; fi
  cat > "$work/deploy/service-$i.yaml" <<YAML
# service $i: resolved by goimage resolve
apiVersion: apps/v1
kind: Deployment
metadata: {name: service-$i, labels: {app: service-$i}}
spec:
  selector:
    matchLabels: {app: service-$i}
  template:
    metadata:
      labels: {app: service-$i}
    spec:
      containers:
        - name: app
          image: $images   # pinned by digest
        - name: helper
          image: "goimage://hello"
YAML
done

cd "$work"
resolve="$goimage resolve -f deploy/ --registry $registry"
publish="dotnet publish $hello -p:PublishImage=true -p:ContainerRegistry=$registry -nodeReuse:false -nologo -v:q"
$resolve > "$work/first.yaml" # builds and pushes both projects once
$publish >/dev/null
grep -c "@sha256:" "$work/first.yaml" | xargs echo "resolved image lines:"

hyperfine --style basic -w 1 -r "$runs" --export-json "$work/k.json" -n "goimage resolve (50 files, 2 projects)" "$resolve > $work/again.yaml" -n "no-op publish with push (1 project)" "$publish"
cmp -s "$work/first.yaml" "$work/again.yaml" && echo "resolve output: the same bytes as the first run" || { echo "resolve output changed between runs" >&2; exit 1; }
read -r ours ours_sd < <(stat_ms "$work/k.json" 0)
read -r peer peer_sd < <(stat_ms "$work/k.json" 1)
ratio=$(ratio "$ours" "$peer")
verdict=$(verdict "$ratio" 2)
echo
echo "| measure | goimage resolve | no-op publish | ratio | goal |"
echo "|---|---|---|---|---|"
echo "| 50 manifests, 2 projects, images pushed | $ours ± $ours_sd ms | $peer ± $peer_sd ms | $ratio | $verdict (≤ 2×) |"
