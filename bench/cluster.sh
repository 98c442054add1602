#!/usr/bin/env bash
# Three Keyhold nodes on 127.0.0.1 against one throw-away PostgreSQL database, behind a
# round-robin HAProxy, and a check that they behave as one service (SPEC §4, §8, §11):
#
#   bench/cluster.sh           # start, check, print PASS/FAIL lines, stop; exit 1 on any FAIL
#   bench/cluster.sh --wrk     # the same, then wrk -t2 -c64 -d10s on GET /api/users/me/ through the proxy
#
# Ports: the proxy on CLUSTER_BASE_PORT (default 8100), the nodes on the next three (8101-8103).
# Needs PostgreSQL on 127.0.0.1:5432 (user postgres, no password) and psql; installs Debian's
# haproxy (and wrk for --wrk) when missing. Uses JDK 25 when present and builds target/keyhold.jar
# when it is missing or older than the sources. Logs go to a temporary directory, printed at the
# start, kept when a check fails (or with CLUSTER_KEEP_LOGS=1). Bounded in time: every request has
# a 10 s limit, readiness CLUSTER_READY_TIMEOUT (default 120 s). On exit, failure or Ctrl-C the
# nodes and the proxy are stopped and the database is dropped.
set -euo pipefail

run_wrk=false
for arg in "$@"; do
  case "$arg" in
    --wrk) run_wrk=true ;;
    -h | --help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $arg (try --help)" >&2; exit 2 ;;
  esac
done
cd "$(dirname "$0")/.."

proxy_port=${CLUSTER_BASE_PORT:-8100}
node_ports=("$((proxy_port + 1))" "$((proxy_port + 2))" "$((proxy_port + 3))")
# Health and metrics of each node, on its management port.
management_ports=("$((proxy_port + 1001))" "$((proxy_port + 1002))" "$((proxy_port + 1003))")
ready_timeout=${CLUSTER_READY_TIMEOUT:-120}
read -r -a java_opts <<< "${CLUSTER_JAVA_OPTS:--Xmx512m}"
admin_email=cluster-admin@example.com
admin_password='Tr0ub4dor&3-horse'
proxy="http://127.0.0.1:$proxy_port"
nodes=()
for port in "${node_ports[@]}"; do nodes+=("http://127.0.0.1:$port"); done

java_bin=java
if [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
  java_bin=$JAVA_HOME/bin/java
fi

log() { printf '== %s\n' "$*"; }
die() { printf 'FAIL %s\n' "$*"; exit 1; }

apt_install() {
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "$@" >/dev/null
}

haproxy_bin=$(command -v haproxy || echo /usr/sbin/haproxy)
if [ ! -x "$haproxy_bin" ]; then
  log "Installing haproxy"
  apt_install haproxy
fi
if [ "$run_wrk" = true ] && ! command -v wrk >/dev/null; then
  log "Installing wrk"
  apt_install wrk
fi
command -v psql >/dev/null || die "psql is missing (apt-get install postgresql-client)"
command -v jq >/dev/null || apt_install jq
psql -h 127.0.0.1 -U postgres -d postgres -Atqc 'select 1' >/dev/null 2>&1 \
  || die "PostgreSQL does not answer on 127.0.0.1:5432 as user postgres"
for port in "$proxy_port" "${node_ports[@]}" "${management_ports[@]}"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    die "port $port is already in use (set CLUSTER_BASE_PORT to move the cluster)"
  fi
done

if [ ! -f target/keyhold.jar ] || [ -n "$(find pom.xml src -newer target/keyhold.jar -print -quit)" ]; then
  log "Building target/keyhold.jar"
  ./mvnw -q -B package -DskipTests
fi
jar=$PWD/target/keyhold.jar

workdir=$(mktemp -d "${TMPDIR:-/tmp}/keyhold-cluster.XXXXXX")
db_name="keyhold_cluster_$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')"
node_pids=()
proxy_pid=
failures=0
checks=0

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  [ -z "$proxy_pid" ] || kill "$proxy_pid" 2>/dev/null || true
  for pid in "${node_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  # A graceful shutdown takes a second (a node still starting finishes its start first); after
  # 20 s whatever is left is killed: the database goes anyway.
  local deadline=$((SECONDS + 20))
  for pid in "${node_pids[@]}" $proxy_pid; do
    while kill -0 "$pid" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $db_name WITH (FORCE)" >/dev/null 2>&1 \
    || echo "could not drop database $db_name" >&2
  if [ "$rc" -ne 0 ] || [ "$failures" -ne 0 ] || [ -n "${CLUSTER_KEEP_LOGS:-}" ]; then
    echo "logs kept in $workdir"
  else
    rm -rf "$workdir"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

pass() { checks=$((checks + 1)); printf 'PASS %s\n' "$*"; }
fail() { checks=$((checks + 1)); failures=$((failures + 1)); printf 'FAIL %s\n' "$*"; }
expect() { # expect NAME CONDITION...: PASS or FAIL NAME on the outcome of a test(1) condition
  local name=$1; shift
  if [ "$@" ]; then pass "$name"; else fail "$name"; fi
}

# call METHOD URL [curl args...]: sets $status (000 when the request failed), $body and $served_by
# (the node HAProxy sent the request to, from the X-Keyhold-Node header it adds).
status='' body='' served_by='' token=''
call() {
  local method=$1 url=$2; shift 2
  status=$(curl -sS --max-time 10 -o "$workdir/body" -D "$workdir/headers" -w '%{http_code}' \
    -X "$method" "$url" "$@" 2>>"$workdir/curl.log") || status=000
  body=$(cat "$workdir/body" 2>/dev/null || true)
  served_by=$(tr -d '\r' < "$workdir/headers" 2>/dev/null | sed -n 's/^[Xx]-[Kk]eyhold-[Nn]ode: //p' | tail -1)
}
login() { # login BASE_URL: POST login/ as the admin; $token is set on 200
  call POST "$1/api/users/login/" -H 'Content-Type: application/json' "${@:2}" \
    -d "{\"email\":\"$admin_email\",\"password\":\"$admin_password\"}"
  token=$(jq -r '.token // empty' <<< "$body" 2>/dev/null || true)
}
me() { call GET "$1/api/users/me/" -H "Authorization: Bearer $2"; }
sql() { psql -h 127.0.0.1 -U postgres -d "$db_name" -Atqc "$1"; }
# The proxy forwards to a ready node: an anonymous /me gets that node's 401.
proxy_answers() { [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$proxy/api/users/me/")" = 401 ]; }

log "Logs in $workdir; database $db_name; $("$java_bin" -version 2>&1 | head -1)"
psql -h 127.0.0.1 -U postgres -d postgres -qc "CREATE DATABASE $db_name"

# --- Three nodes at once on the empty database: Flyway's lock and the bootstrap admin must cope.
started=$SECONDS
for i in 0 1 2; do
  (cd "$workdir" && exec env KEYHOLD_BOOTSTRAP_ADMIN_EMAIL="$admin_email" \
      KEYHOLD_BOOTSTRAP_ADMIN_PASSWORD="$admin_password" \
      "$java_bin" "${java_opts[@]}" -jar "$jar" \
      --server.address=127.0.0.1 --server.port="${node_ports[$i]}" \
      --management.server.address=127.0.0.1 --management.server.port="${management_ports[$i]}" \
      --spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/$db_name" \
      --spring.datasource.username=postgres --spring.datasource.password= \
      --keyhold.trusted-proxies=127.0.0.1 \
      > "$workdir/node$((i + 1)).log" 2>&1) &
  node_pids+=("$!")
done
pending=(0 1 2)
while [ "${#pending[@]}" -gt 0 ]; do
  still=()
  for i in "${pending[@]}"; do
    if curl -sf --max-time 2 "http://127.0.0.1:${management_ports[$i]}/actuator/health/readiness" >/dev/null 2>&1; then
      continue
    fi
    kill -0 "${node_pids[$i]}" 2>/dev/null || {
      tail -n 30 "$workdir/node$((i + 1)).log"
      die "node$((i + 1)) exited during start (log above: $workdir/node$((i + 1)).log)"
    }
    still+=("$i")
  done
  pending=("${still[@]}")
  [ "${#pending[@]}" -eq 0 ] && break
  [ $((SECONDS - started)) -lt "$ready_timeout" ] \
    || die "not ready after ${ready_timeout} s: $(for i in "${pending[@]}"; do printf 'node%s ' $((i + 1)); done)(logs in $workdir; CLUSTER_READY_TIMEOUT=… waits longer)"
  sleep 1
done
pass "3 nodes started at once on an empty database, all ready in $((SECONDS - started)) s"

migrations=$(find src/main/resources/db/migration -name 'V*.sql' | wc -l)
expect "Flyway applied each of the $migrations migrations once, none failed" \
  "$(sql 'SELECT count(*) FILTER (WHERE success) || $$/$$ || count(*) FROM flyway_schema_history WHERE version IS NOT NULL')" \
  = "$migrations/$migrations"
expect "exactly one bootstrap superuser although three nodes raced to create it" \
  "$(sql 'SELECT count(*) FROM users WHERE is_superuser')" = 1

# --- The proxy: round-robin, health-checked, names the node it chose in X-Keyhold-Node.
cat > "$workdir/haproxy.cfg" <<EOF
global
    maxconn 4096

defaults
    mode http
    option forwardfor
    timeout connect 2s
    timeout client 30s
    timeout server 30s

frontend keyhold
    bind 127.0.0.1:$proxy_port
    default_backend keyhold_nodes

backend keyhold_nodes
    balance roundrobin
    option httpchk GET /actuator/health/readiness
    http-response set-header X-Keyhold-Node %s
    server node1 127.0.0.1:${node_ports[0]} check port ${management_ports[0]} inter 2s
    server node2 127.0.0.1:${node_ports[1]} check port ${management_ports[1]} inter 2s
    server node3 127.0.0.1:${node_ports[2]} check port ${management_ports[2]} inter 2s
EOF
"$haproxy_bin" -c -q -f "$workdir/haproxy.cfg" || die "haproxy rejects $workdir/haproxy.cfg"
"$haproxy_bin" -db -f "$workdir/haproxy.cfg" > "$workdir/haproxy.log" 2>&1 &
proxy_pid=$!
for _ in $(seq 1 20); do
  proxy_answers && break
  kill -0 "$proxy_pid" 2>/dev/null || die "haproxy exited (log: $workdir/haproxy.log)"
  sleep 0.5
done
proxy_answers || die "the proxy does not answer on $proxy"
log "HAProxy on $proxy, nodes on ${nodes[*]}"
checks_started=$SECONDS

# --- A token from a login through the proxy works on every node.
login "$proxy" -H 'X-Forwarded-For: 198.51.100.7'
if [ "$status" != 200 ] || [ ${#token} -ne 43 ]; then die "login through the proxy: HTTP $status $body"; fi
pass "login through the proxy (served by $served_by): 200 and a 43-character token"
token1=$token
user_id=$(jq -r '.user.id' <<< "$body")
for i in 0 1 2; do
  me "${nodes[$i]}" "$token1"
  expect "GET me/ directly on node$((i + 1)) with that token: 200, user $user_id" \
    "$status/$(jq -r '.id' <<< "$body" 2>/dev/null)/$(jq -r '.email' <<< "$body" 2>/dev/null)" \
    = "200/$user_id/$admin_email"
done

call GET "$proxy/api/users/me/sessions/" -H "Authorization: Bearer $token1"
expect "the session records the client address from X-Forwarded-For (198.51.100.7), not the proxy's" \
  "$(jq -r '.[] | select(.current) | .ip' <<< "$body" 2>/dev/null)" = 198.51.100.7

# --- Round-robin: six requests through the proxy reach each node twice.
served=()
for _ in 1 2 3 4 5 6; do
  me "$proxy" "$token1"
  [ "$status" = 200 ] || served+=("HTTP-$status")
  served+=("${served_by:-unknown}")
done
counts=$(printf '%s\n' "${served[@]}" | sort | uniq -c | awk '{printf "%s×%s ", $2, $1}')
expect "6 requests through the proxy, round-robin: ${counts% }" "${counts% }" = "node1×2 node2×2 node3×2"

# --- Logout on one node ends the session on every node and through the proxy.
call POST "${nodes[1]}/api/users/logout/" -H "Authorization: Bearer $token1"
expect "logout directly on node2: 200 User logged out successfully" \
  "$status/$(jq -r '.message' <<< "$body" 2>/dev/null)" = "200/User logged out successfully"
for i in 0 1 2; do
  me "${nodes[$i]}" "$token1"
  expect "the logged-out token on node$((i + 1)): 401" "$status" = 401
done
seen=()
for _ in 1 2 3; do
  me "$proxy" "$token1"
  seen+=("$status@${served_by:-?}")
done
expect "the logged-out token through the proxy: ${seen[*]}" \
  "$(printf '%s\n' "${seen[@]}" | cut -d@ -f1 | sort -u | tr '\n' ' ')" = "401 "

# --- The single policy holds across nodes (SPEC §4): a second login, on another node, is a 409
# that ends the live session; the next login succeeds.
login "${nodes[0]}"
expect "login on node1: 200" "$status" = 200
token2=$token
login "${nodes[2]}"
expect "second login on node3 while node1's session is live: 409 User already logged in" \
  "$status/$(jq -r '.error' <<< "$body" 2>/dev/null)" = "409/User already logged in"
for i in 0 1 2; do
  me "${nodes[$i]}" "$token2"
  expect "that refused login ended node1's session: 401 on node$((i + 1))" "$status" = 401
done
login "${nodes[1]}"
expect "the next login, on node2: 200" "$status" = 200
token3=$token
ok=()
for i in 0 1 2; do me "${nodes[$i]}" "$token3"; ok+=("$status"); done
expect "its token on node1, node2, node3: ${ok[*]}" "${ok[*]}" = "200 200 200"

# Logins racing on all three nodes at once never leave more than one live session.
races_ok=true
for round in 1 2 3; do
  racers=()
  for i in 0 1 2; do
    curl -sS --max-time 10 -o "$workdir/race$round-$i" -w '%{http_code}\n' -X POST "${nodes[$i]}/api/users/login/" \
      -H 'Content-Type: application/json' \
      -d "{\"email\":\"$admin_email\",\"password\":\"$admin_password\"}" > "$workdir/race$round-$i.status" 2>>"$workdir/curl.log" &
    racers+=("$!")
  done
  wait "${racers[@]}" || true
  statuses=$(cat "$workdir"/race"$round"-*.status | tr '\n' ' ' | tr -s ' ')
  live=$(sql "SELECT count(*) FROM sessions WHERE user_id = $user_id AND channel = 'api'")
  echo "     race $round: node1..3 answered ${statuses% }; live API sessions afterwards: $live"
  [ "$live" -le 1 ] || races_ok=false
  grep -qvE '^(200|409)$' <(cat "$workdir"/race"$round"-*.status) && races_ok=false
done
expect "3 rounds of 3 simultaneous logins (one per node): only 200/409, at most 1 live session" "$races_ok" = true

# --- The lockout counter is shared: five wrong passwords spread over the nodes lock the address.
spread=()
for _ in 1 2 3 4 5; do
  call POST "$proxy/api/users/login/" -H 'Content-Type: application/json' \
    -d '{"email":"nobody@example.com","password":"wrong-password-1"}'
  spread+=("$status@$served_by")
done
call POST "${nodes[2]}/api/users/login/" -H 'Content-Type: application/json' \
  -d '{"email":"nobody@example.com","password":"wrong-password-1"}'
expect "5 failed logins through the proxy (${spread[*]}), then node3 answers 429 (locked): $status" \
  "$status" = 429

# --- Optional load through the proxy.
if [ "$run_wrk" = true ]; then
  sql "DELETE FROM sessions WHERE user_id = $user_id AND channel = 'api'"
  login "$proxy"
  [ "$status" = 200 ] || die "login for wrk: HTTP $status $body"
  log "wrk -t2 -c64 -d10s GET /api/users/me/ through the proxy (after a 5 s warm-up)"
  timeout 30 wrk -t2 -c64 -d5s -H "Authorization: Bearer $token" "$proxy/api/users/me/" >/dev/null
  timeout 30 wrk -t2 -c64 -d10s -H "Authorization: Bearer $token" "$proxy/api/users/me/" | tee "$workdir/wrk.txt"
  non2xx=$(sed -n 's/.*Non-2xx or 3xx responses: *//p' "$workdir/wrk.txt")
  expect "wrk: $(grep -o 'Requests/sec: *[0-9.]*' "$workdir/wrk.txt" | tr -s ' ') and ${non2xx:-0} non-2xx answers" \
    "${non2xx:-0}" = 0
fi

if [ "$failures" -eq 0 ]; then
  echo "PASS all $checks checks in $((SECONDS - checks_started)) s ($SECONDS s with start-up)"
else
  echo "FAIL $failures of $checks checks"
  exit 1
fi
