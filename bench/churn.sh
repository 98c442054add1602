#!/usr/bin/env bash
# How large the embedded H2 file grows against its data under churn (SPEC §11: at most 3×).
#
#   bench/churn.sh [minutes=10] [sample=60] [threads=4]
#
# Starts the built jar on the default H2 database in a fresh directory and, for `minutes`, has
# `threads` threads log users in, rename them three times and log them out over HTTP, signing up a
# new user every fifth round (io.keyhold.testing.ChurnLoad; logins are bounded by Argon2, the rest
# is not). Every `sample` seconds it prints the file's size beside the size of its data: a copy of
# the file compacted completely with SHUTDOWN COMPACT (io.keyhold.ChurnBench, test scope).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

minutes=${1:-10}
sample=${2:-60}
threads=${3:-4}

require_jar
classpath=$(test_classpath)
echo "# $("$java_bin" -version 2>&1 | head -1); $(nproc) cores; $minutes min of churn from $threads threads"
timeout $((minutes * 60 + 600)) "$java_bin" -cp "$classpath" io.keyhold.ChurnBench \
  target/keyhold.jar "$minutes" "$threads" "$sample"
