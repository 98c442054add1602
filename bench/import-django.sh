#!/usr/bin/env bash
# Measures import-django: a generated dumpdata file of N users into a throw-away PostgreSQL
# database (or H2), twice: the first run creates every user, the second must change nothing.
#
#   bench/import-django.sh [users=1000000] [postgres|h2]
#
# Prints wall time and users per second for both runs. Uses JDK 25 when present.
set -euo pipefail
cd "$(dirname "$0")/.."

users=${1:-1000000}
database=${2:-postgres}
java_bin=java
[ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ] && java_bin=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
[ -f target/keyhold.jar ] || ./mvnw -q -B package -DskipTests

workdir=$(mktemp -d)
file="$workdir/users.json"
db_args=()
if [ "$database" = postgres ]; then
  db_name="keyhold_import_$$"
  psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $db_name"
  db_args=(--spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/$db_name"
           --spring.datasource.username=postgres --spring.datasource.password=)
fi
cleanup() {
  [ -n "${db_name:-}" ] && psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db_name WITH (FORCE)" || true
  rm -rf "$workdir"
}
trap cleanup EXIT

python3 bench/generate-dumpdata.py "$users" "$file"
echo "# $("$java_bin" -version 2>&1 | head -1); $users users, $(du -h "$file" | cut -f1) file, database=$database"

for run in first second; do
  start=$(date +%s.%N)
  (cd "$workdir" && /usr/bin/time -f "max RSS %M KiB" -o "$workdir/rss" \
     "$java_bin" -jar "$OLDPWD/target/keyhold.jar" import-django "$file" "${db_args[@]}") | tail -2
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" -v n="$users" -v r="$run" -v rss="$(cat "$workdir/rss")" \
    'BEGIN { printf "%s run: %.1f s, %.0f users/s (including JVM start), %s\n", r, e - s, n / (e - s), rss }'
done
