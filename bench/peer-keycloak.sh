#!/usr/bin/env bash
# Keyhold next to Keycloak (issue 16): the same three things measured on both, side by side on one
# PostgreSQL (127.0.0.1:5432, user postgres), each server with its own throw-away database.
#
#   bench/peer-keycloak.sh [--record] [rounds=3] [duration=10s] [users=200] [connections=32]
#
#   me          Keyhold GET /api/users/me/ with its token; Keycloak GET …/userinfo with a Bearer
#               access token (scope openid, which userinfo requires).
#   introspect  RFC 7662 on both, with an API client's Basic credentials and one live token:
#               Keyhold POST /api/introspect/, Keycloak POST …/token/introspect (bench/introspect.lua).
#   login       password logins/s over `users` distinct users (bench/login.lua): Keyhold
#               POST /api/users/login/, Keycloak's password grant POST …/token
#               (bench/keycloak-login.lua). Only 200s count; other answers are printed by status.
#
# Method: both servers run at once (the idle one only holds its memory). For each measurement, one
# warm-up run of each (BENCH_WARMUP, 20 s), then `rounds` rounds, Keyhold first then Keycloak first (ABBA), so drift
# on the machine reaches both alike; each figure is the median of its rounds and the ratio is
# Keyhold ÷ Keycloak of those medians. wrk -t2 shares the 2 cores with both servers and PostgreSQL.
# After a login run the script waits until the server has worked through the logins still queued
# (wait_idle), so they do not land in the other side's run.
#
# Equal terms: both hash with Argon2id m=19456 KiB, t=2, p=1, 32-byte hash, 16-byte salt
# (Keyhold's default; Keycloak through its argon2 provider options and the realm policy
# hashAlgorithm(argon2) and hashIterations(2)), checked on a stored Keycloak credential before any
# run; both run as many hashes at once as there are cores (Keyhold hash-threads = nproc, Keycloak's
# argon2 cpuCores default); Keyhold's login rate limit is off and Keycloak's brute-force detection
# is off; both create a session per login (Keyhold's `multiple` policy). Keycloak 26 runs in
# production mode (`build` once for PostgreSQL and health, then `start --optimized`) with a local
# cache (one node, no cluster), http on 127.0.0.1, and kc.sh's JVM options except the heap: both
# JVMs get the JVM's default maximum heap (a quarter of RAM). kc.sh's own default outside a
# container, -Xmx512m, kept Keycloak collecting garbage (userinfo and introspection at a tenth of
# their rate with 2 GiB in one run here); JAVA_OPTS_KC_HEAP overrides it, as it does for kc.sh.
#
# Keycloak's server distribution comes from Maven Central (keycloak-quarkus-dist, KEYCLOAK_VERSION,
# 26.7.3) into target/peers/ and is unpacked and built once there. It runs on JDK 25, else 21,
# else 17 (or KEYCLOAK_JAVA_HOME). Also printed: each server's time from launch to ready (Keycloak's
# first start creates its schema) and its resident memory after start and at the end.
# Environment: BENCH_PORT (18094; Keycloak on the next port; management ports 1000 above),
# BENCH_WARMUP (20s), KEYCLOAK_VERSION, KEYCLOAK_JAVA_HOME, JAVA_OPTS_KC_HEAP.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

take_record_flag "$@"
rounds=${positional[0]:-3}
duration=${positional[1]:-10s}
users=${positional[2]:-200}
connections=${positional[3]:-32}
warmup=${BENCH_WARMUP:-20s}
port=${BENCH_PORT:-18094}
keycloak_port=$((port + 1))
keycloak_version=${KEYCLOAK_VERSION:-26.7.3}
password=bench-mark-password-1
wrk_threads=2

for p in "$port" $((port + 1000)) "$keycloak_port" $((keycloak_port + 1000)); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "port $p is taken; set BENCH_PORT" >&2; exit 1; fi
done

require_wrk
require_jar
classpath=$(test_classpath)

# Keycloak's distribution, fetched and unpacked once.
keycloak_home=target/peers/keycloak-$keycloak_version
if [ ! -x "$keycloak_home/bin/kc.sh" ]; then
  zip=target/peers/keycloak-quarkus-dist-$keycloak_version.zip
  [ -f "$zip" ] || ./mvnw -q -B dependency:copy \
    -Dartifact="org.keycloak:keycloak-quarkus-dist:$keycloak_version:zip" -DoutputDirectory=target/peers
  (cd target/peers && unzip -q "keycloak-quarkus-dist-$keycloak_version.zip")
fi

workdir=$(mktemp -d)
db_name="keyhold_peer_kc_$$"
keycloak_db="keycloak_peer_$$"
cleanup() {
  [ -n "${server_pid:-}" ] && stop_server "$server_pid"
  [ -n "${keycloak_pid:-}" ] && stop_server "$keycloak_pid"  # kc.sh hands SIGTERM to its JVM
  drop_postgres_database "$db_name"
  drop_postgres_database "$keycloak_db"
  rm -rf "$workdir"
}
trap cleanup EXIT

# --- Keycloak -------------------------------------------------------------------------------------
keycloak_build_options=(--db=postgres --health-enabled=true)
admin_password="bench-admin-$RANDOM$RANDOM"
client_secret="bench-secret-$RANDOM$RANDOM"
argon2_options=(--spi-password-hashing--argon2--memory=19456 --spi-password-hashing--argon2--iterations=2
                --spi-password-hashing--argon2--parallelism=1)

# start_keycloak JAVA_HOME: builds the distribution for PostgreSQL unless it was built so with this
# JDK, starts it on a fresh database and waits until ready; sets keycloak_pid (kc.sh),
# keycloak_jvm_pid and keycloak_ready_s.
start_keycloak() {
  local java_home=$1 marker="$keycloak_home/.bench-build" started
  if [ "$(cat "$marker" 2>/dev/null)" != "$java_home ${keycloak_build_options[*]}" ]; then
    echo "building Keycloak $keycloak_version for PostgreSQL (once) …"
    JAVA_HOME=$java_home timeout 600 "$keycloak_home/bin/kc.sh" build "${keycloak_build_options[@]}" \
      > "$workdir/keycloak-build.log" 2>&1 || { tail -20 "$workdir/keycloak-build.log" >&2; return 1; }
    echo "$java_home ${keycloak_build_options[*]}" > "$marker"
  fi
  drop_postgres_database "$keycloak_db" 2>/dev/null  # a failed start on another JDK leaves one
  create_postgres_database "$keycloak_db"
  started=$EPOCHREALTIME
  JAVA_HOME=$java_home JAVA_OPTS_KC_HEAP=${JAVA_OPTS_KC_HEAP:--XX:MaxRAMPercentage=25} \
    KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=$admin_password \
    "$keycloak_home/bin/kc.sh" start --optimized \
      --db-url="jdbc:postgresql://127.0.0.1:5432/$keycloak_db" --db-username=postgres --db-password=trust \
      --http-enabled=true --http-host=127.0.0.1 --http-port="$keycloak_port" \
      --http-management-port=$((keycloak_port + 1000)) --hostname="http://127.0.0.1:$keycloak_port" \
      --cache=local --log=file --log-file="$workdir/keycloak.log" "${argon2_options[@]}" \
      > "$workdir/keycloak.out" 2>&1 &
  keycloak_pid=$!
  if ! wait_url "http://127.0.0.1:$((keycloak_port + 1000))/health/ready" 600 "$keycloak_pid"; then
    tail -20 "$workdir/keycloak.out" "$workdir/keycloak.log" >&2
    stop_server "$keycloak_pid"
    keycloak_pid=
    return 1
  fi
  keycloak_ready_s=$(awk -v a="$started" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
  keycloak_jvm_pid=$(ps -o pid= --ppid "$keycloak_pid" | tr -d ' ')
}

keycloak_java=
for candidate in ${KEYCLOAK_JAVA_HOME:-} /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*-21-* /usr/lib/jvm/java-17-openjdk-amd64; do
  [ -x "$candidate/bin/java" ] || continue
  if start_keycloak "$candidate"; then keycloak_java=$candidate; break; fi
  echo "Keycloak did not start on $candidate; trying the next JDK" >&2
done
[ -n "$keycloak_java" ] || { echo "Keycloak started on none of the JDKs" >&2; exit 1; }
keycloak_rss_ready=$(rss_kib "$keycloak_jvm_pid")
echo "Keycloak $keycloak_version on $("$keycloak_java/bin/java" -version 2>&1 | head -1): ready ${keycloak_ready_s} s after launch (fresh database), RSS $((keycloak_rss_ready / 1024)) MiB"

keycloak_url="http://127.0.0.1:$keycloak_port"
oidc="$keycloak_url/realms/bench/protocol/openid-connect"
admin_token() {
  curl -sf --max-time 30 -d grant_type=password -d client_id=admin-cli -d username=admin \
    -d password="$admin_password" "$keycloak_url/realms/master/protocol/openid-connect/token" \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])'
}
# The realm in one import: tokens and sessions that outlast the runs, the Argon2 policy, no
# brute-force detection, a confidential client for the password grant and introspection (in its own
# tokens' audience, which Keycloak's introspection requires), and the users, whose passwords Keycloak
# hashes itself.
USERS=$users PASSWORD=$password SECRET=$client_secret python3 - > "$workdir/realm.json" <<'PY'
import json, os
users = [{"username": f"user{i}@example.com", "email": f"user{i}@example.com", "emailVerified": True,
          "enabled": True, "firstName": "Bench", "lastName": f"User {i}",
          "credentials": [{"type": "password", "value": os.environ["PASSWORD"], "temporary": False}]}
         for i in range(1, int(os.environ["USERS"]) + 1)]
print(json.dumps({
    "realm": "bench", "enabled": True,
    "accessTokenLifespan": 3600, "ssoSessionIdleTimeout": 7200, "ssoSessionMaxLifespan": 36000,
    "bruteForceProtected": False,
    "passwordPolicy": "hashAlgorithm(argon2) and hashIterations(2)",
    "clients": [{"clientId": "bench", "enabled": True, "publicClient": False,
                 "clientAuthenticatorType": "client-secret", "secret": os.environ["SECRET"],
                 "directAccessGrantsEnabled": True, "standardFlowEnabled": False,
                 "protocolMappers": [{"name": "audience", "protocol": "openid-connect",
                                      "protocolMapper": "oidc-audience-mapper",
                                      "config": {"included.client.audience": "bench",
                                                 "access.token.claim": "true",
                                                 "introspection.token.claim": "true"}}]}],
    "users": users}))
PY
started=$(date +%s)
curl -sf --max-time 900 -o /dev/null -H "Authorization: Bearer $(admin_token)" -H 'Content-Type: application/json' \
  -d @"$workdir/realm.json" "$keycloak_url/admin/realms" || { echo "realm import failed" >&2; exit 1; }
echo "Keycloak: realm bench with $users users in $(($(date +%s) - started)) s"

# The cost Keycloak stored, read back through the admin API.
token=$(admin_token)
user_id=$(curl -sf --max-time 30 -H "Authorization: Bearer $token" \
  "$keycloak_url/admin/realms/bench/users?username=user1%40example.com&exact=true" \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["id"])')
curl -sf --max-time 30 -H "Authorization: Bearer $token" "$keycloak_url/admin/realms/bench/users/$user_id/credentials" \
  > "$workdir/credentials.json"
curl -sf --max-time 30 -H "Authorization: Bearer $token" "$keycloak_url/admin/realms/bench" > "$workdir/realm-read.json"
python3 - "$workdir/credentials.json" "$workdir/realm-read.json" <<'PY'
import json, sys
data = json.loads(json.load(open(sys.argv[1]))[0]["credentialData"])
realm = json.load(open(sys.argv[2]))
p = data["additionalParameters"]
cost = (data["algorithm"], p["type"][0], p["version"][0], p["memory"][0], data["hashIterations"], p["parallelism"][0], p["hashLength"][0])
print("Keycloak stored hash: %s%s v%s m=%s,t=%s,p=%s, %s-byte hash; policy %r, brute-force detection %s"
      % (cost + (realm["passwordPolicy"], "on" if realm["bruteForceProtected"] else "off")))
if cost != ("argon2", "id", "1.3", "19456", 2, "1", "32") or realm["bruteForceProtected"]:
    sys.exit("Keycloak does not hash at Keyhold's cost")
PY

keycloak_basic=$(printf 'bench:%s' "$client_secret" | base64 -w0)
grant() {  # grant USER [SCOPE]: a password grant; prints the JSON answer
  curl -sf --max-time 30 -H "Authorization: Basic $keycloak_basic" -d grant_type=password \
    --data-urlencode "username=$1" -d password="$password" ${2:+-d scope="$2"} "$oidc/token"
}
keycloak_token=$(grant user1@example.com openid | python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])')
grant "user$users@example.com" > /dev/null
curl -sf --max-time 30 -o /dev/null -H "Authorization: Bearer $keycloak_token" "$oidc/userinfo"
curl -sf --max-time 30 -H "Authorization: Basic $keycloak_basic" -d "token=$keycloak_token" "$oidc/token/introspect" \
  | grep -q '"active":true' || { echo "Keycloak's introspection does not answer active" >&2; exit 1; }

# --- Keyhold --------------------------------------------------------------------------------------
create_postgres_database "$db_name"
set_postgres_args "$db_name"
seed_users "$users" "$password" "$workdir"
# The client is made on the server's own command line, before the server holds the database.
client=$(cd "$workdir" && "$java_bin" -jar "$OLDPWD/target/keyhold.jar" create-client "Bench" "${db_args[@]}" 2>/dev/null)
client_id=$(awk '/^client_id:/ { print $2 }' <<<"$client")
client_secret_keyhold=$(awk '/^client_secret:/ { print $2 }' <<<"$client")
[ -n "$client_id" ] && [ -n "$client_secret_keyhold" ] || { echo "create-client failed: $client" >&2; exit 1; }
keyhold_basic=$(printf '%s:%s' "$client_id" "$client_secret_keyhold" | base64 -w0)
started=$EPOCHREALTIME
start_keyhold "$workdir" "$port" --keyhold.sessions.policy=multiple --keyhold.rate-limits.login=0 \
  --keyhold.passwords.hash-threads="$(nproc)" --keyhold.passwords.hash-wait=30s
keyhold_ready_s=$(awk -v a="$started" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
keyhold_rss_ready=$(rss_kib "$server_pid")
echo "Keyhold on $("$java_bin" -version 2>&1 | head -1): ready ${keyhold_ready_s} s after launch, RSS $((keyhold_rss_ready / 1024)) MiB"

keyhold="http://127.0.0.1:$port"
keyhold_token=$(keyhold_token "$keyhold" user1@example.com "$password")
[ -n "$keyhold_token" ] || { echo "a seeded user cannot log in to Keyhold" >&2; exit 1; }
curl -sf --max-time 30 -o /dev/null -H "Authorization: Bearer $keyhold_token" "$keyhold/api/users/me/"
curl -sf --max-time 30 -H "Authorization: Basic $keyhold_basic" -d "token=$keyhold_token" "$keyhold/api/introspect/" \
  | grep -q '"active":true' || { echo "Keyhold's introspection does not answer active" >&2; exit 1; }

# --- Runs -----------------------------------------------------------------------------------------
# run CHECK SIDE SECONDS: one wrk run; prints its req/s (logins/s for login).
run() {
  local out="$workdir/wrk-$1-$2.txt" wrk_args=(-t"$wrk_threads" -c"$connections" -d"$3")
  case "$1/$2" in
    me/keyhold) wrk "${wrk_args[@]}" -H "Authorization: Bearer $keyhold_token" "$keyhold/api/users/me/" > "$out" ;;
    me/keycloak) wrk "${wrk_args[@]}" -H "Authorization: Bearer $keycloak_token" "$oidc/userinfo" > "$out" ;;
    introspect/keyhold) wrk "${wrk_args[@]}" -s bench/introspect.lua "$keyhold/api/introspect/" \
                          -- "$keyhold_basic" "$keyhold_token" > "$out" ;;
    introspect/keycloak) wrk "${wrk_args[@]}" -s bench/introspect.lua "$oidc/token/introspect" \
                           -- "$keycloak_basic" "$keycloak_token" > "$out" ;;
    login/keyhold) wrk "${wrk_args[@]}" --timeout 30s -s bench/login.lua "$keyhold/api/users/login/" \
                     -- 1 1 "$users" "$password" "$wrk_threads" > "$out" ;;
    login/keycloak) wrk "${wrk_args[@]}" --timeout 30s -s bench/keycloak-login.lua "$oidc/token" \
                      -- 1 1 "$users" "$password" "$wrk_threads" "$keycloak_basic" > "$out" ;;
  esac
  if [ "$1" = login ]; then
    if [ "$2" = keyhold ]; then wait_idle "$server_pid"; else wait_idle "$keycloak_jvm_pid"; fi
    grep -q '^non-200 answers: 0 ' "$out" && grep -q '^socket errors: connect 0, read 0, write 0, timeout 0' "$out" \
      || echo "  $2 login $3: $(grep -E '^(non-200|socket errors)' "$out" | paste -sd ';')" >&2
    awk '/^logins\/s:/ { print $2 }' "$out"
  else
    wrk_rps "$out"
  fi
}

checks=(me introspect login)
sides=(keyhold keycloak)
echo "# $(nproc) cores; PostgreSQL; rounds=$rounds duration=$duration warm-up=$warmup users=$users connections=$connections"
declare -A figures rps
for check in "${checks[@]}"; do
  for side in "${sides[@]}"; do run "$check" "$side" "$warmup" > /dev/null; done
  for round in $(seq 1 "$rounds"); do
    line="$check round $round:"
    # ABBA: the side that goes first changes each round, so drift does not always favour one.
    order=("${sides[@]}")
    [ $((round % 2)) = 0 ] && order=("${sides[1]}" "${sides[0]}")
    for side in "${order[@]}"; do
      rps[$side]=$(run "$check" "$side" "$duration")
      figures[$check/$side]+="${rps[$side]} "
      line+=" $side ${rps[$side]}"
    done
    echo "$line (Keyhold/Keycloak $(awk -v a="${rps[keyhold]}" -v b="${rps[keycloak]}" 'BEGIN { printf "%.2f", a / b }'))"
  done
done

unit() { if [ "$1" = login ]; then echo "logins/s"; else echo "req/s"; fi; }
echo
for check in "${checks[@]}"; do
  keyhold_rps=$(tr ' ' '\n' <<<"${figures[$check/keyhold]}" | grep . | median)
  keycloak_rps=$(tr ' ' '\n' <<<"${figures[$check/keycloak]}" | grep . | median)
  ratio=$(awk -v a="$keyhold_rps" -v b="$keycloak_rps" 'BEGIN { printf "%.3f", a / b }')
  printf '%-10s Keyhold %9.1f  Keycloak %9.1f %-8s (medians)  Keyhold/Keycloak %s\n' \
    "$check" "$keyhold_rps" "$keycloak_rps" "$(unit "$check")" "$ratio"
  record_figure peer-keycloak "$check/c=$connections" keyhold_per_s "$keyhold_rps" 1/s
  record_figure peer-keycloak "$check/c=$connections" keycloak_per_s "$keycloak_rps" 1/s
  record_figure peer-keycloak "$check/c=$connections" keyhold_over_keycloak "$ratio" 1
done

peak_kib() { awk '/^VmHWM:/ { print $2 }' "/proc/$1/status"; }
keyhold_rss_end=$(rss_kib "$server_pid")
keycloak_rss_end=$(rss_kib "$keycloak_jvm_pid")
printf 'ready after launch: Keyhold %s s, Keycloak %s s\n' "$keyhold_ready_s" "$keycloak_ready_s"
printf 'RSS MiB after start / at the end / peak: Keyhold %d / %d / %d, Keycloak %d / %d / %d\n' \
  $((keyhold_rss_ready / 1024)) $((keyhold_rss_end / 1024)) $(($(peak_kib "$server_pid") / 1024)) \
  $((keycloak_rss_ready / 1024)) $((keycloak_rss_end / 1024)) $(($(peak_kib "$keycloak_jvm_pid") / 1024))
record_figure peer-keycloak startup keyhold_ready_s "$keyhold_ready_s" s
record_figure peer-keycloak startup keycloak_ready_s "$keycloak_ready_s" s
record_figure peer-keycloak startup keyhold_rss_ready_kib "$keyhold_rss_ready" KiB
record_figure peer-keycloak startup keycloak_rss_ready_kib "$keycloak_rss_ready" KiB
record_figure peer-keycloak end keyhold_rss_kib "$keyhold_rss_end" KiB
record_figure peer-keycloak end keycloak_rss_kib "$keycloak_rss_end" KiB
