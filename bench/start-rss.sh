#!/usr/bin/env bash
# Start-to-ready time and resident memory: starts the jar `runs` times, each on a fresh database
# (H2 in a new temporary directory, or a new throw-away PostgreSQL database), and reports
#   - the time from launching the JVM to the first 200 on /actuator/health/readiness (polled every
#     50 ms), and what Spring's "Started … (process running for …)" line says;
#   - VmRSS from /proc/<pid>/status right after ready, and again after `warm` of GET
#     /api/users/me/ with wrk (one signup and login first; warm=0 skips it).
#
#   bench/start-rss.sh [--record] [h2|postgres] [runs=5] [warm=5s]
#
# Median, min and max over the runs. JVM defaults (no -Xmx: the heap limit is a quarter of the
# machine's memory). Uses JDK 25 when present.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

take_record_flag "$@"
database=${positional[0]:-h2}
runs=${positional[1]:-5}
warm=${positional[2]:-5s}
port=${BENCH_PORT:-18083}
management_port=$((port + 1000))  # health and metrics
case "$database" in h2|postgres) ;; *) echo "usage: $0 [--record] [h2|postgres] [runs] [warm]" >&2; exit 2;; esac

[ "$warm" = 0 ] || require_wrk
require_jar
workdir=$(mktemp -d)
cleanup() {
  [ -n "${server_pid:-}" ] && stop_server "$server_pid"
  [ -n "${db_name:-}" ] && drop_postgres_database "$db_name"
  rm -rf "$workdir"
}
trap cleanup EXIT

echo "# $("$java_bin" -version 2>&1 | head -1); $(nproc) cores; database=$database; $runs runs; warm load $warm"
for run in $(seq 1 "$runs"); do
  rundir="$workdir/run$run"
  mkdir -p "$rundir"
  db_args=()
  if [ "$database" = postgres ]; then
    db_name="keyhold_start_$$_$run"
    create_postgres_database "$db_name"
    set_postgres_args "$db_name"
  fi
  launched=$(date +%s%N)
  (cd "$rundir" && exec "$java_bin" -jar "$OLDPWD/target/keyhold.jar" --server.address=127.0.0.1 \
      --server.port="$port" --management.server.port="$management_port" \
      --management.server.address=127.0.0.1 "${db_args[@]}" > "$rundir/server.log" 2>&1) &
  server_pid=$!
  wait_ready "$management_port" 120 "$server_pid" || { tail -20 "$rundir/server.log"; exit 1; }
  ready_ms=$((($(date +%s%N) - launched) / 1000000))
  rss_ready=$(rss_kib "$server_pid")

  rss_warm=
  if [ "$warm" != 0 ]; then
    base="http://127.0.0.1:$port/api/users"
    curl -sf -X POST "$base/" -H 'Content-Type: application/json' \
      -d '{"email":"bench@example.com","password":"bench-mark-password-1"}' >/dev/null
    token=$(curl -sf -X POST "$base/login/" -H 'Content-Type: application/json' \
      -d '{"email":"bench@example.com","password":"bench-mark-password-1"}' | sed 's/.*"token":"\([^"]*\)".*/\1/')
    wrk -t1 -c8 -d"$warm" -H "Authorization: Bearer $token" "$base/me/" > /dev/null
    rss_warm=$(rss_kib "$server_pid")
  fi
  spring=$(grep -o 'Started [A-Za-z]* in [0-9.]* seconds (process running for [0-9.]*)' "$rundir/server.log" || echo "no Started line")

  stop_server "$server_pid"
  server_pid=
  if [ -n "${db_name:-}" ]; then drop_postgres_database "$db_name"; db_name=; fi
  echo "run $run: ready after $ready_ms ms, RSS $(((rss_ready + 512) / 1024)) MiB${rss_warm:+, $(((rss_warm + 512) / 1024)) MiB after $warm of GET /me} ($spring)"
  echo "$ready_ms $rss_ready ${rss_warm:-0}" >> "$workdir/figures"
done

# One line per figure: name, median, min, max.
summary=$(awk '
  { ready[NR] = $1; rss[NR] = $2; warm[NR] = $3 }
  function sorted_stats(name, values, n, scale,    i, j, t, s) {
    for (i = 1; i <= n; i++) s[i] = values[i] / scale
    for (i = 2; i <= n; i++) for (j = i; j > 1 && s[j - 1] > s[j]; j--) { t = s[j]; s[j] = s[j - 1]; s[j - 1] = t }
    printf "%s %.0f %.0f %.0f\n", name, (n % 2 ? s[(n + 1) / 2] : (s[n / 2] + s[n / 2 + 1]) / 2), s[1], s[n]
  }
  END {
    sorted_stats("ready_ms", ready, NR, 1)
    sorted_stats("rss_ready_mib", rss, NR, 1024)
    if (warm[1] > 0) sorted_stats("rss_warm_mib", warm, NR, 1024)
  }' "$workdir/figures")
echo "## $database, $runs runs: median (min–max)"
while read -r name median min max; do
  echo "$name: $median ($min–$max)"
  unit=MiB
  [ "$name" = ready_ms ] && unit=ms
  record_figure start-rss "$database" "$name" "$median" "$unit"
done <<< "$summary"
