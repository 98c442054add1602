#!/usr/bin/env bash
# Keyhold next to the seed's own design (issue 16): GET /api/users/me/ with a live token, against
# Keyhold from the jar and against bench/peers/django-seed (the seed's Django 3.2 + DRF project:
# email-first AbstractUser, the seed's login view, DRF TokenAuthentication) under gunicorn, each on
# its own throw-away PostgreSQL database, in one run.
#
#   bench/peer-django.sh [--record] [rounds=3] [duration=10s] [connections=32]
#
# Both get one user signed up through their API and a token from their login endpoint; both must
# answer 200 with that user on GET /api/users/me/ before anything is measured. After one warm-up
# run of each (BENCH_WARMUP, 30 s: Keyhold's JIT needs that long on two cores), wrk -t2 runs
# alternate, Keyhold then Django, then Django then Keyhold (ABBA), `rounds` rounds, so drift on the machine reaches both alike; each
# figure is the median of its rounds, and the ratio is Keyhold's median over Django's. During each
# measured run the CPU time of the server's processes and of its database's PostgreSQL backends is
# read from /proc: the share of the cores each side used, and its CPU time per request, which
# depends less than req/s on what else runs on the machine. wrk, both servers and PostgreSQL share
# the machine's cores; the idle side only holds its memory.
#
# gunicorn runs as its documentation recommends: (2 × cores) + 1 sync workers. Sync workers close
# the connection after each answer (gunicorn expects a buffering proxy such as nginx in front), so
# wrk reconnects for every Django request; BENCH_DJANGO_WORKER_CLASS=gthread keeps connections
# alive instead. Django keeps persistent database connections (CONN_MAX_AGE 600, as its deployment
# checklist advises); DJANGO_CONN_MAX_AGE=0 gives startproject's connection per request.
# Needs Debian's python3-django, python3-djangorestframework, python3-psycopg2 and gunicorn.
# Environment: BENCH_PORT (18092; Django on the next port), BENCH_DJANGO_WORKERS,
# BENCH_DJANGO_WORKER_CLASS (sync), BENCH_WARMUP (30s).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

take_record_flag "$@"
rounds=${positional[0]:-3}
duration=${positional[1]:-10s}
connections=${positional[2]:-32}
port=${BENCH_PORT:-18092}
django_port=$((port + 1))
workers=${BENCH_DJANGO_WORKERS:-$((2 * $(nproc) + 1))}
worker_class=${BENCH_DJANGO_WORKER_CLASS:-sync}
python=/usr/bin/python3
django_dir=bench/peers/django-seed

require_wrk
require_jar
"$python" -c 'import django, rest_framework, psycopg2' && command -v gunicorn >/dev/null || {
  echo "needs: apt-get install python3-django python3-djangorestframework python3-psycopg2 gunicorn" >&2
  exit 1
}

workdir=$(mktemp -d)
keyhold_db="keyhold_peer_$$"
django_db="django_peer_$$"
cleanup() {
  [ -n "${server_pid:-}" ] && stop_server "$server_pid"
  [ -n "${gunicorn_pid:-}" ] && stop_server "$gunicorn_pid"
  drop_postgres_database "$keyhold_db"
  drop_postgres_database "$django_db"
  rm -rf "$workdir"
}
trap cleanup EXIT
create_postgres_database "$keyhold_db"
create_postgres_database "$django_db"

export DJANGO_SECRET_KEY DJANGO_DB_NAME=$django_db PYTHONDONTWRITEBYTECODE=1
DJANGO_SECRET_KEY=$(head -c 48 /dev/urandom | base64 -w0)
# Django's schema is made while Keyhold starts; a failed migration stops the script at `wait`.
(cd "$django_dir" && exec "$python" manage.py migrate -v0) &
migrate_pid=$!
set_postgres_args "$keyhold_db"
start_keyhold "$workdir" "$port"
wait "$migrate_pid"
gunicorn --chdir "$django_dir" --bind "127.0.0.1:$django_port" --workers "$workers" \
  --worker-class "$worker_class" seed.wsgi > "$workdir/gunicorn.log" 2>&1 &
gunicorn_pid=$!

keyhold="http://127.0.0.1:$port"
django="http://127.0.0.1:$django_port"
deadline=$(($(date +%s) + 30))
until [ "$(curl -s -o /dev/null -w '%{http_code}' "$django/api/users/me/")" = 401 ]; do
  kill -0 "$gunicorn_pid" 2>/dev/null || { cat "$workdir/gunicorn.log" >&2; echo "gunicorn exited" >&2; exit 1; }
  [ "$(date +%s)" -lt "$deadline" ] || { cat "$workdir/gunicorn.log" >&2; echo "gunicorn not answering" >&2; exit 1; }
  sleep 0.1
done

email=bench@example.com
password=bench-mark-password-1
keyhold_token=$(keyhold_token "$keyhold" "$email" "$password")
# The seed's signup is DRF's create (JSON); its login is a Django view that reads form fields.
signup=$(curl -s -w '\n%{http_code}' -X POST "$django/api/users/" -H 'Content-Type: application/json' \
  -d "{\"email\":\"$email\",\"password\":\"$password\"}")
[ "${signup##*$'\n'}" = 201 ] || { echo "Django signup failed: $signup" >&2; exit 1; }
login=$(curl -sf -X POST "$django/api/users/login/" --data-urlencode "email=$email" --data-urlencode "password=$password")
django_token=$(sed -n 's/.*"token": *"\([a-z0-9]\{10\}\)".*/\1/p' <<<"$login")
[ -n "$django_token" ] || { echo "Django login gave no token: $login" >&2; exit 1; }

# Both must serve the user with the fields of SPEC §1 that the seed had; the rest is printed.
curl -sf -H "Authorization: Bearer $keyhold_token" "$keyhold/api/users/me/" > "$workdir/keyhold-me.json"
curl -sf -H "Authorization: Token $django_token" "$django/api/users/me/" > "$workdir/django-me.json"
"$python" - "$workdir/keyhold-me.json" "$workdir/django-me.json" "$email" <<'EOF'
import json, sys
keyhold, django = (json.load(open(path)) for path in sys.argv[1:3])
shared = {"id", "email", "name", "phone", "gender", "is_active", "is_staff", "is_superuser",
          "last_login", "created_at", "updated_at"}
for side, user in (("Keyhold", keyhold), ("Django", django)):
    missing = shared - user.keys()
    if missing or user["email"] != sys.argv[3]:
        sys.exit(f"{side} GET /me/ lacks {sorted(missing)} or is not {sys.argv[3]}: {user}")
print(f"# GET /me/ fields only Keyhold has: {sorted(keyhold.keys() - django.keys())};"
      f" only Django: {sorted(django.keys() - keyhold.keys())}")
EOF

clock_ticks=$(getconf CLK_TCK)
# process_ticks PID…: user plus system CPU ticks of the processes so far (a vanished one adds 0).
process_ticks() {
  local pid total=0 ticks
  for pid in "$@"; do
    ticks=$(stat_ticks "/proc/$pid/stat" 2>/dev/null) || ticks=0
    total=$((total + ${ticks:-0}))
  done
  echo "$total"
}

backend_pids() {
  timeout 10 psql -h 127.0.0.1 -U postgres -Atc "SELECT pid FROM pg_stat_activity WHERE datname = '$1'"
}

# run_side keyhold|django SECONDS: one wrk run; sets rps, server_cpu and database_cpu (% of one core).
run_side() {
  local out="$workdir/wrk-$1.txt" server_pids database_pids before_server before_database started elapsed_ms
  if [ "$1" = keyhold ]; then
    server_pids=("$server_pid")
    mapfile -t database_pids < <(backend_pids "$keyhold_db")
  else
    mapfile -t server_pids < <(echo "$gunicorn_pid"; pgrep -P "$gunicorn_pid")
    mapfile -t database_pids < <(backend_pids "$django_db")
  fi
  before_server=$(process_ticks "${server_pids[@]}")
  before_database=$(process_ticks "${database_pids[@]}")
  started=$(date +%s%N)
  if [ "$1" = keyhold ]; then
    wrk -t2 -c"$connections" -d"$2" --latency -H "Authorization: Bearer $keyhold_token" "$keyhold/api/users/me/" > "$out"
  else
    wrk -t2 -c"$connections" -d"$2" --latency -H "Authorization: Token $django_token" "$django/api/users/me/" > "$out"
  fi
  elapsed_ms=$((($(date +%s%N) - started) / 1000000))
  # The database's backends as they are after the run: Django opens its connections lazily.
  [ "$1" = django ] && mapfile -t database_pids < <(backend_pids "$django_db")
  server_cpu=$((($(process_ticks "${server_pids[@]}") - before_server) * 100000 / clock_ticks / elapsed_ms))
  database_cpu=$((($(process_ticks "${database_pids[@]}") - before_database) * 100000 / clock_ticks / elapsed_ms))
  grep -q "Socket errors" "$out" && { echo "$1: $(grep "Socket errors" "$out")" >&2; }
  rps=$(wrk_rps "$out")
}

echo "# $("$java_bin" -version 2>&1 | head -1); Django $("$python" -c 'import django; print(django.get_version())'); $(nproc) cores; gunicorn $worker_class x $workers; rounds=$rounds duration=$duration connections=$connections"
run_side keyhold "${BENCH_WARMUP:-30s}"
run_side django "${BENCH_WARMUP:-30s}"
declare -A figures
for round in $(seq 1 "$rounds"); do
  line="round $round:"
  # ABBA: the side that goes first changes each round, so drift does not always favour one.
  order=(keyhold django)
  [ $((round % 2)) = 0 ] && order=(django keyhold)
  for side in "${order[@]}"; do
    run_side "$side" "$duration"
    figures[$side]+="$rps "
    figures[$side-server-cpu]+="$server_cpu "
    figures[$side-database-cpu]+="$database_cpu "
    figures[$side-cpu-ms]+="$(awk -v c=$((server_cpu + database_cpu)) -v r="$rps" 'BEGIN { printf "%.3f", c * 10 / r }') "
    line+=" $side $rps req/s (server ${server_cpu}% cpu, its backends ${database_cpu}%)"
  done
  echo "$line"
done

middle() { tr ' ' '\n' <<<"${figures[$1]}" | grep . | median; }
case="postgres/c=$connections/$worker_class-$workers"
for side in keyhold django; do
  printf '%-8s %8.0f req/s, %s ms CPU per request (medians; server %s%% of a core, its PostgreSQL backends %s%%)\n' \
    "$side" "$(middle "$side")" "$(middle "$side-cpu-ms")" "$(middle "$side-server-cpu")" "$(middle "$side-database-cpu")"
  record_figure peer-django "$case" "${side}_req_per_s" "$(middle "$side")" 1/s
  record_figure peer-django "$case" "${side}_cpu_ms_per_req" "$(middle "$side-cpu-ms")" ms
done
ratio=$(awk -v a="$(middle keyhold)" -v b="$(middle django)" 'BEGIN { printf "%.2f", a / b }')
cpu_ratio=$(awk -v a="$(middle django-cpu-ms)" -v b="$(middle keyhold-cpu-ms)" 'BEGIN { printf "%.2f", a / b }')
echo "Keyhold / Django: $ratio in req/s; Django spends $cpu_ratio times Keyhold's CPU per request"
record_figure peer-django "$case" keyhold_over_django "$ratio" 1
record_figure peer-django "$case" django_cpu_over_keyhold "$cpu_ratio" 1
