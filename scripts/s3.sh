#!/usr/bin/env bash
# A throwaway S3-compatible server on loopback for tests and benchmarks: moto's server from
# PyPI, in a virtual environment under build/, with the bucket `ruhu-test`.
#
#   scripts/s3.sh start DIR   start it (installing moto if missing); prints its endpoint
#   scripts/s3.sh stop DIR    stop it and delete DIR
set -euo pipefail
cd "$(dirname "$0")/.."

cmd=${1:?start or stop}
dir=${2:?a directory for its state}
venv=build/s3-venv

case "$cmd" in
start)
  if [ ! -x "$venv/bin/moto_server" ]; then
    if ! python3 -m venv "$venv" >/dev/null 2>&1; then
      if [ "$(id -u)" = 0 ]; then run=(); else run=(sudo); fi
      "${run[@]}" apt-get update -qq
      "${run[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
      python3 -m venv "$venv"
    fi
    "$venv/bin/pip" install -q 'moto[server]' >/dev/null
  fi
  mkdir -p "$dir"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "$venv/bin/moto_server" -H 127.0.0.1 -p "$port" >"$dir/log" 2>&1 &
  echo $! >"$dir/pid"
  endpoint="http://127.0.0.1:$port"
  # Wait for it, then create the bucket (moto accepts any credentials).
  python3 - "$endpoint" <<'PY'
import sys, time, urllib.request
endpoint = sys.argv[1]
for _ in range(200):
    try:
        urllib.request.urlopen(endpoint + "/moto-api/", timeout=1)
        break
    except Exception:
        time.sleep(0.1)
urllib.request.urlopen(urllib.request.Request(endpoint + "/ruhu-test", method="PUT"), timeout=5)
PY
  echo "$endpoint"
  ;;
stop)
  if [ -f "$dir/pid" ]; then kill "$(cat "$dir/pid")" 2>/dev/null || true; fi
  rm -rf "$dir"
  ;;
*)
  echo "unknown command $cmd" >&2
  exit 2
  ;;
esac
