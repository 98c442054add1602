#!/usr/bin/env bash
# Measures GET /api/users/me/ with a bearer token: wrk against a Keyhold started from the built
# jar on 127.0.0.1, on H2 (a fresh file database) or on a throw-away PostgreSQL database.
#
#   bench/wrk-me.sh [--record] [h2|postgres] [connections=32] [duration=10s]
#
# --record appends req/s and p99 to bench/results/figures.csv (bench/charts.py draws them).
# Needs wrk (Debian: apt-get install wrk); uses JDK 25 when present. Bounded in time: one 15 s
# warm-up run (BENCH_WARMUP changes it; on two cores the JIT needs that long to finish) and one
# measured run, then the server is stopped and the database removed.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

take_record_flag "$@"
database=${positional[0]:-h2}
connections=${positional[1]:-32}
duration=${positional[2]:-10s}
port=${BENCH_PORT:-18080}
require_wrk
require_jar

workdir=$(mktemp -d)
db_args=()  # H2: the default file database under the working directory
cleanup() {
  [ -n "${server_pid:-}" ] && stop_server "$server_pid"
  [ -n "${db_name:-}" ] && drop_postgres_database "$db_name"
  rm -rf "$workdir"
}
trap cleanup EXIT
if [ "$database" = postgres ]; then
  db_name="keyhold_bench_$$"
  create_postgres_database "$db_name"
  set_postgres_args "$db_name"
fi

start_keyhold "$workdir" "$port"
base="http://127.0.0.1:$port/api/users"
token=$(keyhold_token "http://127.0.0.1:$port" bench@example.com bench-mark-password-1)

echo "# $("$java_bin" -version 2>&1 | head -1); database=$database connections=$connections duration=$duration"
wrk -t2 -c"$connections" -d"${BENCH_WARMUP:-15s}" -H "Authorization: Bearer $token" "$base/me/" >/dev/null
wrk -t2 -c"$connections" -d"$duration" --latency -H "Authorization: Bearer $token" "$base/me/" | tee "$workdir/wrk.txt"
record_figure wrk-me "$database/c=$connections" req_per_s "$(awk '/^Requests\/sec:/ { print $2 }' "$workdir/wrk.txt")" 1/s
record_figure wrk-me "$database/c=$connections" p99_ms "$(awk '$1 == "99%" {
  v = $2 + 0; if ($2 ~ /us$/) v /= 1000; else if ($2 ~ /[0-9]s$/) v *= 1000; else if ($2 ~ /m$/) v *= 60000
  printf "%.2f", v }' "$workdir/wrk.txt")" ms
