#!/usr/bin/env bash
# The main job: install Go if missing, pack the SDK, then publish samples/hello as a linux/amd64 +
# linux/arm64 OCI image with `dotnet publish -p:PublishImage=true`, exactly as a user's .goproj is
# published: no Docker daemon, no network. Prints the image digest, the layout and the tarball.
#   eng/build-samples.sh [sample ...]     (default: hello)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/eng/install-prerequisites.sh" --go-only
export PATH="/usr/lib/go-1.23/bin:$PATH"
export NUGET_PACKAGES="$root/artifacts/nuget-packages"
"$root/eng/pack.sh"
for sample in "${@:-hello}"; do
  dir="$root/samples/$sample"
  archive="$dir/bin/Release/publish/$sample-image.tar"
  dotnet publish "$dir" -p:PublishImage=true "-p:ContainerArchiveOutputPath=$archive" -nodeReuse:false -nologo
  digest=$(dotnet publish "$dir" -p:PublishImage=true "-p:ContainerArchiveOutputPath=$archive" -nodeReuse:false -nologo -getProperty:GeneratedContainerDigest)
  echo "$sample: image $digest"
  echo "  OCI layout: $dir/bin/Release/publish/image/  (skopeo inspect oci:$dir/bin/Release/publish/image:latest)"
  echo "  tarball:    $archive  (podman load -i …, docker load -i …)"
  find "$dir/bin/Release" -path '*/publish' -prune -o -type f -name "$sample" -printf '  binary:     %p  %s bytes\n' | sort
done
