#!/usr/bin/env bash
# Packs GoImage.Sdk into artifacts/packages and forgets any earlier copy of the same version in the
# repository's private package folder, so samples and tests always use what was just built.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export NUGET_PACKAGES="${NUGET_PACKAGES:-$root/artifacts/nuget-packages}"
dotnet pack "$root/GoImage.Sdk.sln" -c Release -o "$root/artifacts/packages" -nodeReuse:false -v:q -nologo
rm -rf "$NUGET_PACKAGES/goimage.sdk"
