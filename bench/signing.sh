#!/usr/bin/env bash
# Benchmark of signing and attesting, in one run:
#   no-op `dotnet publish -p:PublishImage=true` of samples/hello with a signing key (a cosign signature of the index
#   and each manifest, SLSA provenance and SPDX attestations, Sigstore bundles) vs the same publish with
#   ContainerGenerateProvenance=false and no key (goal: signing and attesting add at most 100 ms).
#   Both are no-op publishes on purpose: the signer keeps no cache and runs on every publish (it reads the key,
#   the binaries' build information, hashes and signs), so the difference is its work, not a Go build's noise.
#   bench/signing.sh [runs]    (default 10)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
for tool in openssl python3; do
  command -v "$tool" >/dev/null || { echo "bench/signing.sh: $tool is missing; eng/install-prerequisites.sh installs it" >&2; exit 1; }
done
export UseSharedCompilation=false
export GOIMAGE_CACHE="$work/goimage-cache"
key="$work/signing.key"
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$key" 2>/dev/null

publish="dotnet publish $hello -p:PublishImage=true -nodeReuse:false -nologo -v:q"
plain="$publish -p:ContainerGenerateProvenance=false"
signed="$publish -p:ContainerSigningKey=$key"
$plain >/dev/null
$signed >/dev/null

# Alternating warm-ups, then the two no-op publishes side by side; each writes its own layout back, so each run
# checks (and when the other one ran last, rewrites) the layout like a real publish.
hyperfine --runs "$runs" --warmup 2 --export-json "$work/signing.json" -n unsigned "$plain" -n signed "$signed"
python3 - "$work/signing.json" <<'PY'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
plain, signed = results["unsigned"], results["signed"]
added = (signed["mean"] - plain["mean"]) * 1000
print(f"no-op publish unsigned: {plain['mean'] * 1000:.0f} ± {plain['stddev'] * 1000:.0f} ms")
print(f"no-op publish signed:   {signed['mean'] * 1000:.0f} ± {signed['stddev'] * 1000:.0f} ms")
print(f"signing and attesting add {added:.0f} ms ({signed['mean'] / plain['mean']:.2f}×; goal: at most 100 ms)")
PY
