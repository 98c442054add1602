#!/usr/bin/env bash
# Resident memory under a login flood: the jar with the JVM's own defaults (heap up to a quarter of
# the machine's memory) against bin/keyhold's bounded defaults, one after the other.
#
#   bench/login-rss.sh [--record] [duration=30s] [connections=64]
#
# Each run starts on a fresh H2 database with the `multiple` session policy and no per-IP login
# limit, so every request of wrk's flood is a login that hashes. RSS is read from /proc every
# 0.5 s; the figures are its peak, its value when the flood ends, and logins per second.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

take_record_flag "$@"
duration=${positional[0]:-30s}
connections=${positional[1]:-64}
port=${BENCH_PORT:-18084}
management_port=$((port + 1000))  # health and metrics

require_wrk
require_jar
workdir=$(mktemp -d)
cleanup() {
  [ -n "${flood_pid:-}" ] && kill "$flood_pid" 2>/dev/null || true
  [ -n "${server_pid:-}" ] && stop_server "$server_pid"
  rm -rf "$workdir"
}
trap cleanup EXIT

cat > "$workdir/login.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"email":"flood@example.com","password":"bench-mark-password-1"}'
LUA

# run NAME COMMAND…: one flood against Keyhold started by COMMAND, in a directory of its own.
run() {
  local name=$1
  shift
  local rundir="$workdir/$name"
  mkdir -p "$rundir"
  (cd "$rundir" && exec "$@" --server.address=127.0.0.1 --server.port="$port" \
      --management.server.port="$management_port" --management.server.address=127.0.0.1 \
      --keyhold.rate-limits.login=0 --keyhold.sessions.policy=multiple > "$rundir/server.log" 2>&1) &
  server_pid=$!
  wait_ready "$management_port" 120 "$server_pid" || { tail -20 "$rundir/server.log"; exit 1; }
  local base="http://127.0.0.1:$port/api/users"
  curl -sf -X POST "$base/" -H 'Content-Type: application/json' \
    -d '{"email":"flood@example.com","password":"bench-mark-password-1"}' >/dev/null
  local rss_ready peak=0 rss
  rss_ready=$(rss_kib "$server_pid")
  wrk -t2 -c"$connections" -d"$duration" -s "$workdir/login.lua" "$base/login/" > "$rundir/wrk.txt" &
  flood_pid=$!
  while kill -0 "$flood_pid" 2>/dev/null; do
    rss=$(rss_kib "$server_pid")
    [ "$rss" -gt "$peak" ] && peak=$rss
    sleep 0.5
  done
  wait "$flood_pid" || true
  flood_pid=
  rss=$(rss_kib "$server_pid")
  local logins non2xx
  logins=$(awk '/Requests\/sec/ { printf "%.0f", $2 }' "$rundir/wrk.txt")
  non2xx=$(awk '/Non-2xx/ { print $NF }' "$rundir/wrk.txt")
  stop_server "$server_pid"
  server_pid=
  echo "$name: RSS $(((rss_ready + 512) / 1024)) MiB when ready, peak $(((peak + 512) / 1024)) MiB," \
    "$(((rss + 512) / 1024)) MiB at the end; $logins logins/s, ${non2xx:-0} non-2xx"
  record_figure login-rss "$name" peak_rss_mib $(((peak + 512) / 1024)) MiB
  record_figure login-rss "$name" logins_per_s "$logins" req/s
}

echo "# $("$java_bin" -version 2>&1 | head -1); $(nproc) cores; $(free -g | awk '/^Mem:/ { print $2 }') GiB;" \
  "wrk -t2 -c$connections -d$duration on POST /api/users/login/"
run jvm-defaults "$java_bin" -jar "$PWD/target/keyhold.jar"
JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v "$java_bin")")")") run bin-keyhold "$PWD/bin/keyhold"
