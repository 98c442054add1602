#!/usr/bin/env bash
# Start-to-ready time and resident memory: starts Keyhold `runs` times in each form, alternating,
# each time on a fresh database (H2 in a new temporary directory, or a new throw-away PostgreSQL
# database), and reports for each form
#   - the time from launching the JVM to the first 200 on /actuator/health/readiness (polled every
#     50 ms), and what Spring's "Started … (process running for …)" line says; on that first start
#     Keyhold creates its schema;
#   - the same time for a restart on the database the first start made (schema in place);
#   - VmRSS from /proc/<pid>/status right after ready, and again after `warm` of GET
#     /api/users/me/ with wrk (one signup and login first; warm=0 skips it).
#
#   bench/start-rss.sh [--record] [h2|postgres] [runs=5] [warm=5s] [forms="jar aot"]
#
# The forms: `jar` is target/keyhold.jar as built; `aot` is the same jar laid out and trained by
# bin/keyhold-aot-cache into target/aot (trained again when the jar is newer), as the container
# image runs it. Both start through bin/keyhold with its default JAVA_OPTS (-Xmx512m), on JDK 25.
# Median, min and max over the runs.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

take_record_flag "$@"
database=${positional[0]:-h2}
runs=${positional[1]:-5}
warm=${positional[2]:-5s}
read -r -a forms <<< "${positional[3]:-jar aot}"
port=${BENCH_PORT:-18083}
management_port=$((port + 1000))  # health and metrics
case "$database" in h2|postgres) ;; *) echo "usage: $0 [--record] [h2|postgres] [runs] [warm] [forms]" >&2; exit 2;; esac

[ "$warm" = 0 ] || require_wrk
require_jar
[ "$java_bin" = java ] || export JAVA_HOME=${java_bin%/bin/java}  # for bin/keyhold
if [[ " ${forms[*]} " == *" aot "* ]] && [ ! target/aot/keyhold.aot -nt target/keyhold.jar ]; then
  bin/keyhold-aot-cache target/keyhold.jar target/aot
fi
workdir=$(mktemp -d)
cleanup() {
  [ -n "${server_pid:-}" ] && stop_server "$server_pid"
  [ -n "${db_name:-}" ] && drop_postgres_database "$db_name"
  rm -rf "$workdir"
}
trap cleanup EXIT

echo "# $("$java_bin" -version 2>&1 | head -1); $(nproc) cores; database=$database; $runs runs; warm load $warm"
# launch JAR DIR: starts Keyhold from JAR in DIR through bin/keyhold; sets server_pid and ready_ms,
# the time from launch to readiness.
launch() {
  local launched
  launched=$(date +%s%N)
  (cd "$2" && KEYHOLD_JAR="$OLDPWD/$1" exec "$OLDPWD/bin/keyhold" --server.address=127.0.0.1 \
      --server.port="$port" --management.server.port="$management_port" \
      --management.server.address=127.0.0.1 "${db_args[@]}" >> "$2/server.log" 2>&1) &
  server_pid=$!
  wait_ready "$management_port" 120 "$server_pid" || { tail -20 "$2/server.log"; exit 1; }
  ready_ms=$((($(date +%s%N) - launched) / 1000000))
  # A cache that does not fit (another JDK, other options) is only warned about: never count that
  # start as one from the cache.
  if grep -q '\[warning\]\[aot' "$2/server.log"; then
    grep '\[aot' "$2/server.log" | head -3 >&2
    echo "the JVM did not use the AOT cache: run bin/keyhold-aot-cache again" >&2
    exit 1
  fi
}

for run in $(seq 1 "$runs"); do
  for form in "${forms[@]}"; do
    rundir="$workdir/$form$run"
    mkdir -p "$rundir"
    db_args=()
    if [ "$database" = postgres ]; then
      db_name="keyhold_start_$$_$run"
      create_postgres_database "$db_name"
      set_postgres_args "$db_name"
    fi
    jar=target/keyhold.jar
    [ "$form" = aot ] && jar=target/aot/keyhold.jar
    launch "$jar" "$rundir"
    first_ms=$ready_ms
    rss_ready=$(rss_kib "$server_pid")

    rss_warm=
    if [ "$warm" != 0 ]; then
      base="http://127.0.0.1:$port"
      token=$(keyhold_token "$base" bench@example.com bench-mark-password-1)
      wrk -t1 -c8 -d"$warm" -H "Authorization: Bearer $token" "$base/api/users/me/" > /dev/null
      rss_warm=$(rss_kib "$server_pid")
    fi
    spring=$(grep -o 'Started [A-Za-z]* in [0-9.]* seconds (process running for [0-9.]*)' "$rundir/server.log" || echo "no Started line")
    stop_server "$server_pid"

    # A restart on the database the first start created: what a node does after an upgrade or a crash.
    launch "$jar" "$rundir"
    restart_ms=$ready_ms
    stop_server "$server_pid"
    server_pid=
    if [ -n "${db_name:-}" ]; then drop_postgres_database "$db_name"; db_name=; fi
    echo "run $run, $form: ready after $first_ms ms (restart: $restart_ms ms), RSS $(((rss_ready + 512) / 1024)) MiB${rss_warm:+, $(((rss_warm + 512) / 1024)) MiB after $warm of GET /me} ($spring)"
    echo "$first_ms $rss_ready ${rss_warm:-0} $restart_ms" >> "$workdir/figures-$form"
  done
done

# One line per figure: name, median, min, max.
for form in "${forms[@]}"; do
  summary=$(awk '
    { ready[NR] = $1; rss[NR] = $2; warm[NR] = $3; restart[NR] = $4 }
    function sorted_stats(name, values, n, scale,    i, j, t, s) {
      for (i = 1; i <= n; i++) s[i] = values[i] / scale
      for (i = 2; i <= n; i++) for (j = i; j > 1 && s[j - 1] > s[j]; j--) { t = s[j]; s[j] = s[j - 1]; s[j - 1] = t }
      printf "%s %.0f %.0f %.0f\n", name, (n % 2 ? s[(n + 1) / 2] : (s[n / 2] + s[n / 2 + 1]) / 2), s[1], s[n]
    }
    END {
      sorted_stats("ready_ms", ready, NR, 1)
      sorted_stats("restart_ready_ms", restart, NR, 1)
      sorted_stats("rss_ready_mib", rss, NR, 1024)
      if (warm[1] > 0) sorted_stats("rss_warm_mib", warm, NR, 1024)
    }' "$workdir/figures-$form")
  echo "## $database, $form, $runs runs: median (min–max)"
  while read -r name median min max; do
    echo "$name: $median ($min–$max)"
    unit=MiB
    [[ "$name" = *_ms ]] && unit=ms
    record_figure start-rss "$database/$form" "$name" "$median" "$unit"
  done <<< "$summary"
done
