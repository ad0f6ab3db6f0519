#!/usr/bin/env bash
# Installs what a fresh Debian 12 / Ubuntu machine lacks to build and test GoImage.Sdk.
# Idempotent: a second run with everything present changes nothing and exits quickly.
#   eng/install-prerequisites.sh            Go toolchain + test peers (qemu for arm64; skopeo, umoci,
#                                           podman and runc to check images independently; git; the CNCF
#                                           distribution registry and htpasswd for push tests)
#   eng/install-prerequisites.sh --go-only  only the Go toolchain (enough to build)
#   eng/install-prerequisites.sh --samples  the Go toolchain + the registry the main job pushes to + the C compilers of samples/cgo
#   eng/install-prerequisites.sh --bench    all of the above + hyperfine (for bench/, which compares with umoci)
set -euo pipefail

go_only=false
unpack_kubectl=false
samples=false
bench=false
case "${1:-}" in
  --go-only) go_only=true ;;
  --samples) go_only=true; samples=true ;;
  --bench) bench=true ;;
esac

readonly go_package=golang-1.23-go
readonly go_bin=/usr/lib/go-1.23/bin/go

sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "eng/install-prerequisites.sh: run as root or install sudo" >&2; exit 1; }
  sudo_cmd=(sudo)
fi

# cgo (docs/cgo.md): the host gcc, Debian's arm64 cross gcc and libc, SQLite's headers and static library for
# both (arm64 through multiarch), and mattn/go-sqlite3's source, which the SQLite test vendors at test time.
add_cgo_packages() {
  if ! dpkg --print-foreign-architectures | grep -qx arm64; then
    "${sudo_cmd[@]}" dpkg --add-architecture arm64
  fi
  local package
  for package in gcc binutils gcc-aarch64-linux-gnu libc6-dev-arm64-cross "libsqlite3-dev:$(dpkg --print-architecture)" libsqlite3-dev:arm64 golang-github-mattn-go-sqlite3-dev; do
    dpkg -s "$package" >/dev/null 2>&1 || packages+=("$package")
  done
}

packages=()
[[ -x "$go_bin" ]] || packages+=("$go_package")
if ! $go_only; then
  command -v qemu-aarch64-static >/dev/null || packages+=(qemu-user-static)
  for peer in skopeo umoci podman runc; do
    command -v "$peer" >/dev/null || packages+=("$peer")
  done
  # git: tests make tagged repositories (versions and image times from git); builds read HEAD's commit time with it.
  command -v git >/dev/null || packages+=(git)
  # The CNCF distribution registry (push tests) and htpasswd for its Basic-auth mode.
  command -v docker-registry >/dev/null || packages+=(docker-registry)
  command -v htpasswd >/dev/null || packages+=(apache2-utils)
  add_cgo_packages
  # Debian's kubectl (kubernetes-client): client-side checks of the starter Kubernetes manifests, no cluster.
  # Where another package (Google Cloud SDK's kubectl) owns /usr/bin/kubectl, it is unpacked into
  # /opt/kubernetes-client instead, leaving that one alone.
  if ! dpkg -s kubernetes-client >/dev/null 2>&1 && [[ ! -x /opt/kubernetes-client/usr/bin/kubectl ]]; then
    if dpkg -S /usr/bin/kubectl >/dev/null 2>&1; then
      unpack_kubectl=true
    else
      packages+=(kubernetes-client)
    fi
  fi
  # Signing tests: openssl verifies signatures, Debian's python3 + PyNaCl make cosign-format keys,
  # node runs sigstore-js (eng/sigstore-verify) on the bundles.
  command -v openssl >/dev/null || packages+=(openssl)
  /usr/bin/python3 -c 'import nacl' 2>/dev/null || packages+=(python3-nacl)
  # zstd layers: the reference zstd reads what ZstdSharp writes.
  command -v zstd >/dev/null || packages+=(zstd)
  command -v npm >/dev/null || packages+=(nodejs npm)
fi
if $samples || $bench; then
  # eng/local-registry.sh: the registry, curl to wait for it, python3 to pick a free port.
  command -v docker-registry >/dev/null || packages+=(docker-registry)
  command -v curl >/dev/null || packages+=(curl)
  command -v python3 >/dev/null || packages+=(python3)
  # The main job signs the pushed image with a key it makes with openssl, and builds samples/cgo for both platforms.
  command -v openssl >/dev/null || packages+=(openssl)
  $samples && add_cgo_packages
fi
if $bench; then
  command -v hyperfine >/dev/null || packages+=(hyperfine)
  # bench/compression.sh: the multi-threaded peer, and /usr/bin/time -v for the peak RSS.
  command -v pigz >/dev/null || packages+=(pigz)
  command -v zstd >/dev/null || packages+=(zstd)
  [[ -x /usr/bin/time ]] || packages+=(time)
fi

if $unpack_kubectl; then
  echo "prerequisites: unpacking Debian's kubernetes-client into /opt/kubernetes-client"
  download=$(mktemp -d)
  (cd "$download" && "${sudo_cmd[@]}" apt-get update -qq && apt-get download -qq kubernetes-client)
  "${sudo_cmd[@]}" dpkg-deb -x "$download"/kubernetes-client_*.deb /opt/kubernetes-client
  rm -rf "$download"
fi

# sigstore-js, pinned by eng/sigstore-verify/package-lock.json: the independent verifier of Sigstore bundles.
install_sigstore_verify() {
  $go_only && return 0
  local dir
  dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/sigstore-verify"
  [[ -d "$dir/node_modules/@sigstore/verify" ]] || npm ci --prefix "$dir" --no-audit --no-fund >/dev/null
}

if [[ ${#packages[@]} -eq 0 ]]; then
  install_sigstore_verify
  echo "prerequisites: already installed ($("$go_bin" version))"
  exit 0
fi

# Go 1.23 lives in bookworm-backports on Debian 12; Ubuntu ships golang-1.23-go in its own suites.
if [[ -r /etc/os-release ]] && . /etc/os-release && [[ "${VERSION_CODENAME:-}" == "bookworm" ]]; then
  if ! grep -rqs "bookworm-backports" /etc/apt/sources.list /etc/apt/sources.list.d/; then
    echo "deb http://deb.debian.org/debian bookworm-backports main" |
      "${sudo_cmd[@]}" tee /etc/apt/sources.list.d/bookworm-backports.list >/dev/null
  fi
  go_target=(-t bookworm-backports)
else
  go_target=()
fi

echo "prerequisites: installing ${packages[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${go_target[@]}" "${packages[@]}" >/dev/null
install_sigstore_verify
echo "prerequisites: ready ($("$go_bin" version))"
