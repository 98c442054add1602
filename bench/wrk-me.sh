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
management_port=$((port + 1000))  # health and metrics
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
[ -f target/keyhold.jar ] || ./mvnw -q -B package -DskipTests

workdir=$(mktemp -d)
db_args=()
if [ "$database" = postgres ]; then
  db_name="keyhold_bench_$$"
  psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $db_name"
  db_args=(--spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/$db_name"
           --spring.datasource.username=postgres --spring.datasource.password=)
fi

cleanup() {
  [ -n "${server_pid:-}" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  [ -n "${db_name:-}" ] && psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db_name WITH (FORCE)" || true
  rm -rf "$workdir"
}
trap cleanup EXIT

(cd "$workdir" && exec "$java_bin" -jar "$OLDPWD/target/keyhold.jar" --server.address=127.0.0.1 \
    --server.port="$port" --management.server.port="$management_port" \
    --management.server.address=127.0.0.1 "${db_args[@]}" > "$workdir/server.log" 2>&1) &
server_pid=$!
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$management_port/actuator/health/readiness" >/dev/null && break
  sleep 0.5
done

base="http://127.0.0.1:$port/api/users"
curl -sf -X POST "$base/" -H 'Content-Type: application/json' \
  -d '{"email":"bench@example.com","password":"bench-mark-password-1"}' >/dev/null
token=$(curl -sf -X POST "$base/login/" -H 'Content-Type: application/json' \
  -d '{"email":"bench@example.com","password":"bench-mark-password-1"}' | sed 's/.*"token":"\([^"]*\)".*/\1/')

echo "# $("$java_bin" -version 2>&1 | head -1); database=$database connections=$connections duration=$duration"
wrk -t2 -c"$connections" -d"${BENCH_WARMUP:-15s}" -H "Authorization: Bearer $token" "$base/me/" >/dev/null
wrk -t2 -c"$connections" -d"$duration" --latency -H "Authorization: Bearer $token" "$base/me/" | tee "$workdir/wrk.txt"
record_figure wrk-me "$database/c=$connections" req_per_s "$(awk '/^Requests\/sec:/ { print $2 }' "$workdir/wrk.txt")" 1/s
record_figure wrk-me "$database/c=$connections" p99_ms "$(awk '$1 == "99%" {
  v = $2 + 0; if ($2 ~ /us$/) v /= 1000; else if ($2 ~ /[0-9]s$/) v *= 1000; else if ($2 ~ /m$/) v *= 60000
  printf "%.2f", v }' "$workdir/wrk.txt")" ms
