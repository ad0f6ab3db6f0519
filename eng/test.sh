#!/usr/bin/env bash
# Runs every test: installs what a fresh machine lacks (Go, qemu), then the unit, task and
# integration tests of the whole solution. The integration tests pack the SDK themselves.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/eng/install-prerequisites.sh"
export PATH="/usr/lib/go-1.23/bin:$PATH"
export MSBUILDDISABLENODEREUSE=1

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
# Build once, then test without building: test assemblies run in parallel and must not race a build.
dotnet build "$root/GoImage.Sdk.sln" -nodeReuse:false -nologo -v:q
dotnet test "$root/GoImage.Sdk.sln" --no-build -nodeReuse:false -nologo 2>&1 | tee "$log" || status=$?

# One closing line over all test assemblies, for people and for CI.
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -oE 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [[ $status -eq 0 && $passed -eq 0 ]]; then
  echo "eng/test.sh: no test ran" >&2
  exit 1
fi
exit $status
