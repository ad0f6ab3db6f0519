#!/usr/bin/env bash
# The main job: install Go (the registry, the C cross compilers) if missing, pack the SDK, then publish samples/hello
# and samples/cgo, each as a linux/amd64 + linux/arm64 OCI image with `dotnet publish -p:PublishImage=true`, exactly as a
# user's .goproj is published: no Docker daemon. The image is written as an OCI layout and a
# tarball, then pushed to a CNCF distribution registry started on loopback for the run (its storage
# stays in artifacts/registry/, so a second run uploads nothing). Prints digests and references.
#   eng/build-samples.sh [sample ...]     (default: hello cgo — Go calling C, linked static for both platforms)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/eng/install-prerequisites.sh" --samples
export PATH="/usr/lib/go-1.23/bin:$PATH"
export NUGET_PACKAGES="$root/artifacts/nuget-packages"
"$root/eng/pack.sh"
. "$root/eng/local-registry.sh"
trap stop_local_registry EXIT
start_local_registry "$root/artifacts/registry"
# A throwaway ECDSA P-256 key for this machine (never committed): the pushed image is signed with it.
key="$root/artifacts/signing/goimage-samples.key"
if [[ ! -f "$key" ]]; then
  mkdir -p "$(dirname "$key")"
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$key" 2>/dev/null
  openssl pkey -in "$key" -pubout -out "${key%.key}.pub"
fi
samples=("$@")
[[ ${#samples[@]} -gt 0 ]] || samples=(hello cgo)
for sample in "${samples[@]}"; do
  dir="$root/samples/$sample"
  archive="$dir/bin/Release/publish/$sample-image.tar"
  dotnet publish "$dir" -p:PublishImage=true "-p:ContainerArchiveOutputPath=$archive" -nodeReuse:false -nologo
  digest=$(dotnet publish "$dir" -p:PublishImage=true "-p:ContainerArchiveOutputPath=$archive" -nodeReuse:false -nologo -getProperty:GeneratedContainerDigest)
  dotnet publish "$dir" -p:PublishImage=true "-p:ContainerRegistry=$registry_host" "-p:ContainerSigningKey=$key" -nodeReuse:false -nologo
  reference=$(dotnet publish "$dir" -p:PublishImage=true "-p:ContainerRegistry=$registry_host" "-p:ContainerSigningKey=$key" -nodeReuse:false -nologo -getProperty:GeneratedContainerReference)
  echo "$sample: image $digest"
  echo "  OCI layout: $dir/bin/Release/publish/image/  (skopeo inspect oci:$dir/bin/Release/publish/image:latest)"
  echo "  tarball:    $archive  (podman load -i …, docker load -i …)"
  echo "  pushed:     $reference  (registry on loopback for this run; storage in artifacts/registry/)"
  echo "  signed:     cosign signature, SLSA provenance and SBOM attestations (key ${key%.key}.pub;"
  echo "              goimage verify-signature --key ${key%.key}.pub $dir/bin/Release/publish/image/)"
  find "$dir/bin/Release" -path '*/publish' -prune -o -type f -name "$sample" -printf '  binary:     %p  %s bytes\n' | sort
done
