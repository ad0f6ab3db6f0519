# Sourced by eng/build-samples.sh and bench/: the CNCF distribution registry (Debian's docker-registry)
# on a free loopback port, plain HTTP.
#   start_local_registry STORAGE_DIR   sets registry_host (127.0.0.1:PORT) and registry_pid
#   stop_local_registry                kills it (call it from the caller's EXIT trap)
# LOCAL_REGISTRY_ACCESS_LOG=1 turns on the registry's access log (one line a request, in STORAGE_DIR/registry.log).
# Storage persists in STORAGE_DIR, so a later run finds the blobs pushed before.
registry_pid=
registry_host=

start_local_registry() {
  local storage=$1 port attempt
  command -v docker-registry >/dev/null || { echo "docker-registry is missing; eng/install-prerequisites.sh installs it" >&2; return 1; }
  mkdir -p "$storage"
  for attempt in 1 2 3 4 5; do
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    cat > "$storage/config.yml" <<CONFIG
version: 0.1
log:
  level: warn
  accesslog:
    disabled: $([[ ${LOCAL_REGISTRY_ACCESS_LOG:-} == 1 ]] && echo false || echo true)
storage:
  filesystem:
    rootdirectory: $storage/data
  delete:
    enabled: true
  maintenance:
    uploadpurging:
      enabled: false
http:
  addr: 127.0.0.1:$port
  secret: $(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')
health:
  storagedriver:
    enabled: false
CONFIG
    # REGISTRY_* variables override the config file: none may leak in from the environment.
    env $(compgen -e | grep '^REGISTRY_' | sed 's/^/-u /' || true) docker-registry serve "$storage/config.yml" > "$storage/registry.log" 2>&1 &
    registry_pid=$!
    registry_host="127.0.0.1:$port"
    for _ in $(seq 100); do
      curl -fsS -o /dev/null "http://$registry_host/v2/" 2>/dev/null && return 0
      kill -0 "$registry_pid" 2>/dev/null || break
      sleep 0.1
    done
    stop_local_registry
    # Another process may take the port between choosing it and binding it: choose again.
    grep -q "address already in use" "$storage/registry.log" || break
  done
  echo "docker-registry did not start; its log:" >&2
  cat "$storage/registry.log" >&2
  return 1
}

stop_local_registry() {
  if [[ -n $registry_pid ]]; then
    kill "$registry_pid" 2>/dev/null || true
    wait "$registry_pid" 2>/dev/null || true
  fi
  registry_pid=
}
