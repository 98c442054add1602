#!/usr/bin/env bash
# GET /api/users/me/ latency alone and while a flood of logins saturates the password-hash pool.
#
#   bench/me-under-login-flood.sh
#
# Keyhold runs from the built jar on a fresh H2 database, with the per-IP login limit off (the
# flood comes from one address) and the `multiple` session policy (so every login hashes and
# succeeds). wrk runs 10 s against /me alone, then again while a second wrk floods logins.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${BENCH_PORT:-18081}
source bench/lib.sh
require_wrk
require_jar
db_args=()  # H2: the default file database under the working directory

workdir=$(mktemp -d)
cleanup() {
  [ -n "${flood_pid:-}" ] && kill "$flood_pid" 2>/dev/null || true
  [ -n "${server_pid:-}" ] && stop_server "$server_pid"
  rm -rf "$workdir"
}
trap cleanup EXIT

start_keyhold "$workdir" "$port" --keyhold.rate-limits.login=0 --keyhold.sessions.policy=multiple

base="http://127.0.0.1:$port/api/users"
for who in reader flood; do
  curl -sf -X POST "$base/" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$who@example.com\",\"password\":\"bench-mark-password-1\"}" >/dev/null
done
token=$(curl -sf -X POST "$base/login/" -H 'Content-Type: application/json' \
  -d '{"email":"reader@example.com","password":"bench-mark-password-1"}' | sed 's/.*"token":"\([^"]*\)".*/\1/')
cat > "$workdir/login.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"email":"flood@example.com","password":"bench-mark-password-1"}'
LUA

echo "# $("$java_bin" -version 2>&1 | head -1); $(nproc) cores; hash threads = cores"
wrk -t1 -c16 -d5s -H "Authorization: Bearer $token" "$base/me/" >/dev/null
echo "## GET /me alone"
wrk -t1 -c16 -d10s --latency -H "Authorization: Bearer $token" "$base/me/" | grep -E "Requests/sec|  50%|  99%"

wrk -t1 -c64 -d16s -s "$workdir/login.lua" "$base/login/" > "$workdir/flood.txt" &
flood_pid=$!
sleep 3
echo "## GET /me while 64 connections flood logins"
wrk -t1 -c16 -d10s --latency -H "Authorization: Bearer $token" "$base/me/" | grep -E "Requests/sec|  50%|  99%"
wait "$flood_pid" || true
flood_pid=
echo "## the login flood"
grep -E "Requests/sec|Non-2xx|requests in" "$workdir/flood.txt"
