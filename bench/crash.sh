#!/usr/bin/env bash
# kill -9 under write load: how many acknowledged writes each database kept after a restart.
#
#   bench/crash.sh [h2|postgres|both] [tries=5] [seconds=5] [writers=4]
#
# Each try starts the built jar on a fresh database (the default embedded H2 file in a new
# directory, or a new throw-away PostgreSQL database on 127.0.0.1:5432), has `writers` threads sign
# up users, log them in and rename them over HTTP for `seconds`, sends the JVM SIGKILL while they
# write, starts it again on the same database and asks it for every write that was answered 2xx
# (io.keyhold.CrashBench, test scope). It prints found/acknowledged per try and for all tries, and
# fails when any acknowledged write is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

databases=${1:-both}
tries=${2:-5}
seconds=${3:-5}
writers=${4:-4}
case "$databases" in h2|postgres) ;; both) databases="h2 postgres" ;;
  *) echo "usage: $0 [h2|postgres|both] [tries] [seconds] [writers]" >&2; exit 2;; esac

require_jar
classpath=$(test_classpath)
echo "# $("$java_bin" -version 2>&1 | head -1); $(nproc) cores; $tries tries of $seconds s with $writers writers"
status=0
for database in $databases; do
  echo "## $database"
  timeout $((tries * (seconds + 300))) "$java_bin" -cp "$classpath" io.keyhold.CrashBench \
    target/keyhold.jar "$database" "$tries" "$writers" "$seconds" || status=1
done
exit $status
