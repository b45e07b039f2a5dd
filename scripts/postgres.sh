#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on loopback for tests and benchmarks, from Debian's packages.
#
#   scripts/postgres.sh start DIR    install if missing, create and start a cluster in DIR on a
#                                    free 127.0.0.1 port; prints the maintenance database's URL
#   scripts/postgres.sh restart DIR  restart it (fast shutdown: open sessions are cut off)
#   scripts/postgres.sh crash DIR    kill it as a crash would (immediate shutdown: no checkpoint,
#                                    crash recovery from the WAL at the start that follows)
#   scripts/postgres.sh stop DIR     stop it and delete DIR
#
# The cluster listens on 127.0.0.1 only and trusts its loopback connections: it holds fictional
# test data for the life of one test run. As root it runs as the `postgres` user (initdb
# refuses root).
set -euo pipefail

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "need root to run: $*" >&2; return 1; fi
}

bindir() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

cmd=${1:?start, restart, crash or stop}
dir=${2:?a directory for the cluster}

case "$cmd" in
start)
  if [ -z "$(bindir)" ]; then
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
  bin=$(bindir)
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres "$dir"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  as_owner "$bin/initdb" -D "$dir/data" -U ruhu --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
max_connections = 200
CONF
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w start >/dev/null
  echo "postgres://ruhu@127.0.0.1:$port/postgres"
  ;;
restart)
  as_owner "$(bindir)/pg_ctl" -D "$dir/data" -l "$dir/log" -m fast -w -t 180 restart >/dev/null
  ;;
crash)
  as_owner "$(bindir)/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null
  as_owner "$(bindir)/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 180 start >/dev/null
  ;;
stop)
  if [ -d "$dir/data" ]; then
    as_owner "$(bindir)/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
  fi
  rm -rf "$dir"
  ;;
*)
  echo "unknown command $cmd" >&2
  exit 2
  ;;
esac
