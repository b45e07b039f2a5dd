# Sourced by the phone suites (android-jvm-test.sh, ios-test.sh): starts a demo county on a free
# loopback port in $1 (a temp folder the caller removes) with the county binary in $2 and $3
# households (200 when not given), waits until
# it serves, and sets county_pid, county_url, the enrollment codes code_w001, code_w002 and
# code_s001 (each enrolls one phone once) and admin_password (fresh at every start). The caller
# stops it with stop_demo_county (its EXIT trap).

start_demo_county() {
  local dir=$1 bin=$2 households=${3:-200} port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  # A walk enrolls a dozen phones from loopback within minutes (10 per address is the default).
  "$bin/ruhu-county" --data-dir "$dir/county" demo --households "$households" --listen "127.0.0.1:$port" \
    --enroll-per-address 50 >"$dir/county.log" 2>&1 &
  county_pid=$!
  for _ in $(seq 1 300); do
    grep -q "Press Ctrl-C" "$dir/county.log" && break
    kill -0 "$county_pid" 2>/dev/null || { cat "$dir/county.log" >&2; echo "the demo county did not start" >&2; return 1; }
    sleep 0.2
  done
  grep -q "Press Ctrl-C" "$dir/county.log" || { cat "$dir/county.log" >&2; echo "the demo county did not start in time" >&2; return 1; }
  county_url="http://127.0.0.1:$port"
  code_w001=$(demo_code "$dir" w-001) || return 1
  code_w002=$(demo_code "$dir" w-002) || return 1
  code_s001=$(demo_code "$dir" s-001) || return 1
  admin_password=$(awk '$1 == "admin" && $2 == "password" {print $3}' "$dir/county.log")
  [ -n "$admin_password" ] || { echo "no console password for admin in the county's log" >&2; return 1; }
}

demo_code() {
  local code
  code=$(awk -v who="$2" '$1 == who {print $5}' "$1/county.log")
  [ -n "$code" ] || { echo "no enrollment code for $2 in the county's log" >&2; return 1; }
  echo "$code"
}

stop_demo_county() {
  if [ -n "${county_pid:-}" ]; then
    kill "$county_pid" 2>/dev/null || true
    wait "$county_pid" 2>/dev/null || true
    county_pid=
  fi
}
