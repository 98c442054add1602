#!/usr/bin/env bash
# What an application behind Keyhold costs per request (issue 14): RFC 7662 introspection
# (POST /api/introspect/ with a client's Basic credentials) and forward authentication
# (GET /api/auth/verify/, as nginx's auth_request asks it), next to GET /api/users/me/, all with
# the same live token against one Keyhold from the jar, in one run.
#
#   bench/app-checks.sh [--record] [h2|postgres] [rounds=3] [duration=10s] [connections=32]
#
# After one warm-up run of each (BENCH_WARMUP, 10 s), the three are measured in turn `rounds` times
# (me, introspect, verify, me, …), so drift on the machine reaches all three alike; each figure is
# the median of its rounds, and each ratio is against GET /me of the same run. The load generator
# (wrk -t2) shares the machine's cores with Keyhold and the database.
# Environment: BENCH_PORT (18085).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

take_record_flag "$@"
database=${positional[0]:-postgres}
rounds=${positional[1]:-3}
duration=${positional[2]:-10s}
connections=${positional[3]:-32}
port=${BENCH_PORT:-18085}
case "$database" in h2|postgres) ;; *) echo "usage: $0 [--record] [h2|postgres] [rounds] [duration] [connections]" >&2; exit 2;; esac

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
  db_name="keyhold_apps_$$"
  create_postgres_database "$db_name"
  set_postgres_args "$db_name"
fi

# The client is made on the server's own command line, before the server holds the database.
client=$(cd "$workdir" && "$java_bin" -jar "$OLDPWD/target/keyhold.jar" create-client "Bench" "${db_args[@]}" 2>/dev/null)
client_id=$(awk '/^client_id:/ { print $2 }' <<<"$client")
client_secret=$(awk '/^client_secret:/ { print $2 }' <<<"$client")
[ -n "$client_id" ] && [ -n "$client_secret" ] || { echo "create-client failed: $client" >&2; exit 1; }
start_keyhold "$workdir" "$port"

basic=$(printf '%s:%s' "$client_id" "$client_secret" | base64 -w0)

base="http://127.0.0.1:$port"
token=$(keyhold_token "$base" bench@example.com bench-mark-password-1)
# Each check must answer "live" before it is measured.
curl -sf -o /dev/null -H "Authorization: Bearer $token" "$base/api/users/me/"
curl -sf -H "Authorization: Basic $basic" -d "token=$token" "$base/api/introspect/" | grep -q '"active":true'
curl -sf -o /dev/null -H "Authorization: Bearer $token" "$base/api/auth/verify/"

# run_check NAME SECONDS: one wrk run of that check; prints its req/s.
run_check() {
  local out="$workdir/wrk-$1.txt"
  case "$1" in
    me) wrk -t2 -c"$connections" -d"$2" --latency -H "Authorization: Bearer $token" "$base/api/users/me/" > "$out" ;;
    verify) wrk -t2 -c"$connections" -d"$2" --latency -H "Authorization: Bearer $token" "$base/api/auth/verify/" > "$out" ;;
    introspect) wrk -t2 -c"$connections" -d"$2" --latency -s bench/introspect.lua "$base/api/introspect/" \
                  -- "$basic" "$token" > "$out" ;;
  esac
  wrk_rps "$out"
}

checks=(me introspect verify)
echo "# $("$java_bin" -version 2>&1 | head -1); $(nproc) cores; database=$database rounds=$rounds duration=$duration connections=$connections"
for check in "${checks[@]}"; do run_check "$check" "${BENCH_WARMUP:-10s}" >/dev/null; done
declare -A figures
for round in $(seq 1 "$rounds"); do
  line="round $round:"
  for check in "${checks[@]}"; do
    rps=$(run_check "$check" "$duration")
    figures[$check]+="$rps "
    line+=" $check $rps"
  done
  echo "$line"
done

me=$(tr ' ' '\n' <<<"${figures[me]}" | grep . | median)
for check in "${checks[@]}"; do
  rps=$(tr ' ' '\n' <<<"${figures[$check]}" | grep . | median)
  ratio=$(awk -v a="$rps" -v b="$me" 'BEGIN { printf "%.3f", a / b }')
  printf '%-10s %10.0f req/s (median)  %s of GET /me\n' "$check" "$rps" "$ratio"
  record_figure app-checks "$database/c=$connections" "${check}_req_per_s" "$rps" 1/s
  [ "$check" = me ] || record_figure app-checks "$database/c=$connections" "${check}_over_me" "$ratio" 1
done
