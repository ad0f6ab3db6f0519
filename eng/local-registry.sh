# Sourced: starts the CNCF distribution registry (Debian's docker-registry) on a free loopback port.
#   start_local_registry STORAGE_DIR   sets registry_host (127.0.0.1:PORT) and registry_pid; stops it on exit
#   stop_local_registry
# Storage persists in STORAGE_DIR, so a second run finds the blobs it pushed before.
start_local_registry() {
  local storage=$1 config port
  command -v docker-registry >/dev/null || { echo "docker-registry is not installed (eng/install-prerequisites.sh installs it)" >&2; return 1; }
  mkdir -p "$storage"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
  config="$storage/config.yml"
  cat > "$config" <<CONFIG
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $storage/data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
  secret: goimage-local-registry
CONFIG
  docker-registry serve "$config" >"$storage/registry.log" 2>&1 &
  registry_pid=$!
  registry_host="127.0.0.1:$port"
  trap stop_local_registry EXIT
  for _ in $(seq 50); do
    curl -fsS -o /dev/null "http://$registry_host/v2/" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "docker-registry did not start; its log:" >&2
  cat "$storage/registry.log" >&2
  return 1
}

stop_local_registry() {
  [[ -n "${registry_pid:-}" ]] && kill "$registry_pid" 2>/dev/null && wait "$registry_pid" 2>/dev/null
  registry_pid=
}
