#!/usr/bin/env bash
# Logins per second with a TOTP second step against logins with a password alone, on PostgreSQL.
#
#   bench/login-mfa.sh [--record] [users=10000] [seconds=20] [threads=32]
#
# One Keyhold from the jar (session policy `multiple`, per-IP login limit off, hash-wait 30 s, as
# bench/login-bound.sh runs it) over a throw-away database of seeded users, all with one password.
# SecondFactorLoginBench gives half of them (odd ids) a TOTP secret, written encrypted under the
# node's key, and then alternates 2 × 2 phases of `seconds`: logins with the password alone, and
# logins with the password and then a code computed from the secret. A TOTP user can log in once
# per 30 s step (a step is never used twice), so the users must outnumber 30 × the login rate.
# The load generator runs on the same cores and sends TOTP logins' second request too, so besides
# logins/s each phase reports the server's own CPU time per login (/proc/PID/stat).
# Environment: BENCH_PORT (18084).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

take_record_flag "$@"
users=${positional[0]:-10000}
seconds=${positional[1]:-20}
threads=${positional[2]:-32}
port=${BENCH_PORT:-18084}
password=bench-mark-password-1
key=$(head -c 32 /dev/urandom | base64)

require_jar
classpath=$(test_classpath)

workdir=$(mktemp -d)
db_name="keyhold_mfa_$$"
cleanup() {
  [ -n "${server_pid:-}" ] && stop_server "$server_pid"
  drop_postgres_database "$db_name"
  rm -rf "$workdir"
}
trap cleanup EXIT
create_postgres_database "$db_name"
set_postgres_args "$db_name"
seed_users "$users" "$password" "$workdir"

start_keyhold "$workdir" "$port" --keyhold.sessions.policy=multiple --keyhold.rate-limits.login=0 \
  --keyhold.passwords.hash-wait=30s --keyhold.mfa.encryption-key="$key"

echo "# $("$java_bin" -version 2>&1 | head -1); $(nproc) cores; PostgreSQL; $users users"
"$java_bin" -cp "$classpath" io.keyhold.mfa.SecondFactorLoginBench "http://127.0.0.1:$port" \
    "jdbc:postgresql://127.0.0.1:5432/$db_name" "$key" "$users" "$password" "$seconds" "$threads" "$server_pid" \
  | tee "$workdir/bench.txt"
read -r plain totp ratio < <(awk '/^logins\/s:/ { gsub(/[,;]/, ""); print $4, $8, $10 }' "$workdir/bench.txt")
read -r plain_cpu totp_cpu < <(awk '/^server CPU per login:/ { gsub(/[,;]/, ""); print $7, $12 }' "$workdir/bench.txt")
record_figure login-mfa "users=$users" password_logins_per_s "$plain" 1/s
record_figure login-mfa "users=$users" totp_logins_per_s "$totp" 1/s
record_figure login-mfa "users=$users" totp_over_password "$ratio" 1
record_figure login-mfa "users=$users" password_server_cpu_per_login "$plain_cpu" ms
record_figure login-mfa "users=$users" totp_server_cpu_per_login "$totp_cpu" ms
