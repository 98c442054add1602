#!/usr/bin/env bash
# Webhook delivery lag (SPEC §15): how long after a signup is committed its user.created delivery
# reaches a receiver, while signups keep coming at a sustained rate, and how many deliveries a
# second one endpoint gets.
#
#   bench/webhook-lag.sh [--record] [rate=20] [seconds=60]
#
# Starts the built jar on a throw-away PostgreSQL database (127.0.0.1:5432) with a bootstrap
# superuser, the per-IP signup limit off and private webhook targets allowed; then
# io.keyhold.webhooks.WebhookLagBench (test scope) listens on 127.0.0.1 in its own JVM, creates an
# endpoint there for user.created, signs up `rate` users a second for `seconds` (open loop), waits
# for every signup answered 201 to be delivered, and prints p50/p99/max of the lag and the
# deliveries per second.
#
# The lag is measured from the moment the driver got the signup's 201 to the moment the receiver
# got its delivery, both on the bench JVM's clock: the 201 is sent after the commit, so this is the
# commit-to-receipt lag as a client sees it (short by the response's trip, under a millisecond on
# loopback). The lag from the event's own `timestamp`, taken by Keyhold inside the transaction, is
# printed beside it and is longer by the rest of that transaction. Deliveries per second count from
# the first delivery to the last; at a rate Keyhold keeps up with it equals the rate of signups.
# The driver, Keyhold and PostgreSQL share the machine's cores, and each signup costs an Argon2id
# hash, so the achieved signup rate is printed too. The default rate stays under that bound on two
# cores (about 39 signups/s there): above it, signups queue for the hash pool, the CPU is saturated,
# and the lag measures that overload more than the delivery path.
# Environment: BENCH_PORT (18087).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

take_record_flag "$@"
rate=${positional[0]:-20}
seconds=${positional[1]:-60}
port=${BENCH_PORT:-18087}
case "$rate$seconds" in *[!0-9]*|'') echo "usage: $0 [--record] [rate] [seconds]" >&2; exit 2;; esac

require_jar
classpath=$(test_classpath)
workdir=$(mktemp -d)
db_name="keyhold_webhook_lag_$$"
cleanup() {
  [ -n "${server_pid:-}" ] && stop_server "$server_pid"
  drop_postgres_database "$db_name"
  rm -rf "$workdir"
}
trap cleanup EXIT
create_postgres_database "$db_name"
set_postgres_args "$db_name"

admin_email=bench-admin@example.com
export KEYHOLD_BOOTSTRAP_ADMIN_EMAIL=$admin_email
export KEYHOLD_BOOTSTRAP_ADMIN_PASSWORD=Webhook-bench-superuser-1
start_keyhold "$workdir" "$port" --keyhold.rate-limits.signup=0 --keyhold.passwords.hash-wait=60s \
  --keyhold.webhooks.allow-private-targets=true

echo "# $("$java_bin" -version 2>&1 | head -1); $(nproc) cores; postgres; $rate signups/s for $seconds s"
status=0
timeout $((seconds + 900)) "$java_bin" -cp "$classpath" io.keyhold.webhooks.WebhookLagBench \
  "http://127.0.0.1:$port" "$admin_email" "$rate" "$seconds" > "$workdir/bench.txt" || status=$?
grep -v '^figure ' "$workdir/bench.txt" || true
if [ "$status" -ne 0 ]; then
  echo "WebhookLagBench failed ($status)" >&2
  tail -20 "$workdir/server.log" >&2
  exit "$status"
fi
while read -r _ metric value unit; do
  record_figure webhook-lag "postgres/rate=$rate/${seconds}s" "$metric" "$value" "$unit"
done < <(grep '^figure ' "$workdir/bench.txt")
