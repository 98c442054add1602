# Shared by the bench scripts; sourced from the repository root, never run on its own.
# shellcheck shell=bash

java_bin=java
[ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ] && java_bin=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java

# Where --record appends figures; bench/charts.py draws from it.
results_file=${BENCH_RESULTS:-bench/results/figures.csv}

# Takes --record out of the arguments: sets `record` and leaves the rest in `positional`.
take_record_flag() {
  record=false
  positional=()
  local arg
  for arg in "$@"; do
    if [ "$arg" = --record ]; then record=true; else positional+=("$arg"); fi
  done
}

# record_figure BENCH CASE METRIC VALUE UNIT: one line of bench/results/figures.csv, when --record.
record_figure() {
  [ "$record" = true ] || return 0
  mkdir -p "$(dirname "$results_file")"
  [ -s "$results_file" ] || echo "taken,bench,case,metric,value,unit,cores,java,commit" > "$results_file"
  local java commit
  java=$("$java_bin" -version 2>&1 | head -1 | sed 's/.*version "\([^"]*\)".*/\1/')
  commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
  echo "$(date -u +%Y-%m-%dT%H:%M:%SZ),$1,$2,$3,$4,$5,$(nproc),$java,$commit" >> "$results_file"
  echo "recorded $1 $2 $3=$4 $5 in $results_file"
}

require_wrk() {
  command -v wrk >/dev/null && return 0
  echo "wrk is missing; installing Debian's package" >&2
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; } >&2 \
    || { echo "could not install wrk: apt-get install wrk" >&2; exit 1; }
}

require_jar() {
  [ -f target/keyhold.jar ] || ./mvnw -q -B package -DskipTests
}

# Prints the class path of test-scope mains (JMH, DefaultArgon2Hash), compiling the test classes
# first unless they are newer than every source file and the pom.
test_classpath() {
  local marker=target/test-classes/META-INF/BenchmarkList
  if [ ! -f "$marker" ] || [ -n "$(find src pom.xml -newer "$marker" -print -quit)" ]; then
    ./mvnw -q -B test-compile >&2
  fi
  local classpath_file=target/bench-test-classpath.txt
  if [ ! -s "$classpath_file" ] || [ pom.xml -nt "$classpath_file" ]; then
    ./mvnw -q -B dependency:build-classpath -Dmdep.outputFile="$classpath_file" -Dmdep.includeScope=test >&2
  fi
  echo "target/test-classes:target/classes:$(cat "$classpath_file")"
}

# create_postgres_database NAME: a throw-away database on 127.0.0.1:5432 (user postgres, trust).
create_postgres_database() {
  timeout 30 psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $1"
}

drop_postgres_database() {
  timeout 30 psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $1 WITH (FORCE)" || true
}

# set_postgres_args NAME: sets the array db_args to Keyhold's options for that database.
# shellcheck disable=SC2034 # db_args is read by the scripts that source this file
set_postgres_args() {
  db_args=(--spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/$1"
           --spring.datasource.username=postgres --spring.datasource.password=)
}

# seed_users COUNT PASSWORD WORKDIR: imports COUNT active users (user1@example.com …) into the
# database of db_args, all with one Keyhold Argon2id hash of PASSWORD at the default cost, through
# import-django, so seeding costs one hash. Needs java_bin and classpath (test_classpath).
seed_users() {
  local count=$1 password=$2 workdir=$3 started hash
  started=$(date +%s)
  hash=$("$java_bin" -cp "$classpath" io.keyhold.passwords.DefaultArgon2Hash "$password")
  python3 bench/generate-dumpdata.py "$count" "$workdir/users.json" --password-hash "$hash" --all-active
  (cd "$workdir" && timeout 1200 "$java_bin" -jar "$OLDPWD/target/keyhold.jar" import-django users.json \
     "${db_args[@]}" 2>/dev/null) | tail -1
  rm -f "$workdir/users.json"
  echo "seeded $count users in $(($(date +%s) - started)) s; hash ${hash%%\$*}\$…\$$(echo "$hash" | cut -d'$' -f4)"
}

# wait_ready MANAGEMENT_PORT SECONDS PID: polls readiness (on the management port) every 50 ms until
# 200; fails if the process dies or time runs out.
wait_ready() {
  local deadline=$(($(date +%s) + $2))
  until curl -sf -o /dev/null "http://127.0.0.1:$1/actuator/health/readiness"; do
    if ! kill -0 "$3" 2>/dev/null; then echo "Keyhold exited before it was ready" >&2; return 1; fi
    if [ "$(date +%s)" -ge "$deadline" ]; then echo "Keyhold not ready after $2 s" >&2; return 1; fi
    sleep 0.05
  done
}

# stop_server PID: SIGTERM (graceful shutdown ends within 20 s), then SIGKILL after 30 s.
stop_server() {
  local pid=$1
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 300); do
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# cpu_ticks PID [NAME_REGEX]: CPU time (user + system, in clock ticks) of the process, or of those of
# its threads whose name matches.
# The name in a stat line is in parentheses and may hold spaces ("C2 CompilerThre"): the fields are
# counted after it.
cpu_ticks() {
  local pid=$1 pattern=${2:-} total=0 task
  if [ -z "$pattern" ]; then
    stat_ticks "/proc/$pid/stat"
    return
  fi
  for task in /proc/"$pid"/task/*; do
    grep -qE "$pattern" "$task/comm" 2>/dev/null || continue
    total=$((total + $(stat_ticks "$task/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}

# stat_ticks FILE: user + system clock ticks from a /proc stat file.
stat_ticks() {
  sed 's/.*) //' "$1" | awk '{ print $12 + $13 }'
}

# postgres_cpu_ticks DATABASE: CPU ticks of the PostgreSQL backends connected to DATABASE now.
postgres_cpu_ticks() {
  local total=0 backend
  for backend in $(timeout 30 psql -h 127.0.0.1 -U postgres -Atc "SELECT pid FROM pg_stat_activity WHERE datname = '$1'"); do
    [ -r "/proc/$backend/stat" ] && total=$((total + $(stat_ticks "/proc/$backend/stat")))
  done
  echo "$total"
}

# rss_kib PID: resident set size from /proc, in KiB.
rss_kib() {
  awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"
}

# start_keyhold WORKDIR PORT [OPTION…]: starts the jar in WORKDIR on 127.0.0.1:PORT (management on
# PORT+1000) with db_args and the options, logging to WORKDIR/server.log; sets server_pid and
# waits until ready. KEYHOLD_JAVA_OPTS (words) go before -jar.
start_keyhold() {
  local dir=$1 port=$2
  shift 2
  # shellcheck disable=SC2086 # KEYHOLD_JAVA_OPTS is a list of JVM options
  (cd "$dir" && exec "$java_bin" ${KEYHOLD_JAVA_OPTS:-} -jar "$OLDPWD/target/keyhold.jar" \
      --server.address=127.0.0.1 --server.port="$port" --management.server.address=127.0.0.1 \
      --management.server.port=$((port + 1000)) "${db_args[@]}" "$@" > "$dir/server.log" 2>&1) &
  server_pid=$!
  wait_ready $((port + 1000)) 120 "$server_pid" || { tail -20 "$dir/server.log" >&2; return 1; }
}

# keyhold_token BASE_URL EMAIL PASSWORD: signs the user up (a 400 for an existing one is fine),
# logs in and prints the token.
keyhold_token() {
  local body
  body=$(printf '{"email":"%s","password":"%s"}' "$2" "$3")
  curl -s -o /dev/null -X POST "$1/api/users/" -H 'Content-Type: application/json' -d "$body"
  curl -sf -X POST "$1/api/users/login/" -H 'Content-Type: application/json' -d "$body" \
    | sed 's/.*"token":"\([^"]*\)".*/\1/'
}

# median: of the numbers on standard input, one per line.
median() {
  sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# wrk_rps FILE: the req/s of a wrk report; fails (printing it) if it counted non-2xx answers.
wrk_rps() {
  if grep -q "Non-2xx" "$1"; then cat "$1" >&2; echo "non-2xx answers in $1" >&2; return 1; fi
  awk '/^Requests\/sec:/ { print $2 }' "$1"
}

# wait_url URL SECONDS PID: polls URL every quarter second until it answers 2xx (wait_ready is
# Keyhold's readiness; this is any other server's); fails if the process dies or time runs out.
wait_url() {
  local deadline=$(($(date +%s) + $2))
  until curl -sf -o /dev/null --max-time 5 "$1"; do
    if ! kill -0 "$3" 2>/dev/null; then echo "process $3 exited before $1 answered" >&2; return 1; fi
    if [ "$(date +%s)" -ge "$deadline" ]; then echo "$1 not answering after $2 s" >&2; return 1; fi
    sleep 0.25
  done
}

# wait_idle PID [SECONDS]: waits (30 s at most) until the process uses under a tenth of a core over
# half a second, so that what a load run left queued (logins waiting for a hash) is not measured in
# the next run.
wait_idle() {
  local deadline=$(($(date +%s) + ${2:-30})) before after
  before=$(cpu_ticks "$1")
  while [ "$(date +%s)" -lt "$deadline" ]; do
    sleep 0.5
    after=$(cpu_ticks "$1")
    [ $((after - before)) -lt $(($(getconf CLK_TCK) / 20)) ] && return 0
    before=$after
  done
}
