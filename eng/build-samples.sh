#!/usr/bin/env bash
# The main job: install Go if missing, pack the SDK, then build samples/hello for linux/amd64 and
# linux/arm64 with `dotnet build`, exactly as a user's .goproj is built.
#   eng/build-samples.sh [sample ...]     (default: hello)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/eng/install-prerequisites.sh" --go-only
export PATH="/usr/lib/go-1.23/bin:$PATH"
export NUGET_PACKAGES="$root/artifacts/nuget-packages"
"$root/eng/pack.sh"
for sample in "${@:-hello}"; do
  dotnet build "$root/samples/$sample" -nodeReuse:false -nologo
  find "$root/samples/$sample/bin" -type f -printf '%p  %s bytes\n' | sort
done
