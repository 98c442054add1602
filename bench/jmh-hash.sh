#!/usr/bin/env bash
# JMH: the time of one password hash on one thread (HashBenchmark): Argon2id hash and verify at
# the default cost, Argon2id verify on every core at once, and Django's pbkdf2_sha256 verify at
# 260,000 (Django 3.2) and 1,000,000 (Django 5.2) iterations.
#
#   bench/jmh-hash.sh [--record] [JMH options…]
#
# Default options: -f1 -wi 3 -w 2s -i 5 -r 2s (about 2 minutes). Options given replace them
# all, e.g. a smoke run: bench/jmh-hash.sh -f1 -wi 1 -w 1s -i 1 -r 1s. A regular expression
# among them picks benchmarks (default: HashBenchmark). The result is also written to
# bench/results/jmh-hash.json, where bench/login-bound.sh reads its hash bound from; --record
# appends the scores to bench/results/figures.csv. Uses JDK 25 when present.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

take_record_flag "$@"
jmh_options=(-f1 -wi 3 -w 2s -i 5 -r 2s)
[ ${#positional[@]} -gt 0 ] && jmh_options=("${positional[@]}")
pattern=HashBenchmark
for option in "${jmh_options[@]}"; do
  # JMH takes a bare word as the benchmark pattern; without one, run HashBenchmark only.
  [[ "$option" == *Benchmark* ]] && pattern=
done

classpath=$(test_classpath)
workdir=$(mktemp -d)
trap 'rm -rf "$workdir"' EXIT
mkdir -p bench/results
json=bench/results/jmh-hash.json
echo "# $("$java_bin" -version 2>&1 | head -1); $(nproc) cores; options: ${jmh_options[*]} $pattern"
# The whole run is bounded: JMH's own timeouts cover one iteration, not a benchmark that hangs.
timeout 1800 "$java_bin" -cp "$classpath" org.openjdk.jmh.Main ${pattern:+"$pattern"} "${jmh_options[@]}" \
  -rf json -rff "$json" > "$workdir/jmh.log" 2>&1 || { tail -30 "$workdir/jmh.log"; exit 1; }
sed -n '/^Benchmark /,$p' "$workdir/jmh.log"

# The bound bench/login-bound.sh compares with, and the same from every core hashing at once.
python3 - "$json" "$(nproc)" "$workdir/figures" <<'PY'
import json, sys
results, cores = json.load(open(sys.argv[1])), int(sys.argv[2])
figures = open(sys.argv[3], "w")
for result in results:
    name = result["benchmark"].rsplit(".", 1)[1]
    params = ",".join(f"{k}={v}" for k, v in (result.get("params") or {}).items())
    metric = result["primaryMetric"]
    print(name + (f"[{params}]" if params else ""), "time_per_op", f'{metric["score"]:.3f}', metric["scoreUnit"], file=figures)
    if metric["scoreUnit"] == "ms/op" and name == "argon2idVerify":
        print(f"# hash bound at {cores} hash threads (the default): {cores} ÷ {metric['score']:.1f} ms"
              f" = {cores * 1000 / metric['score']:.1f} logins/s")
    if metric["scoreUnit"] == "ms/op" and name == "argon2idVerifyOnEveryCore":
        threads = result["threads"]
        print(f"# {threads} verifies at once: {metric['score']:.1f} ms each"
              f" = {threads * 1000 / metric['score']:.1f} verifies/s")
PY
while read -r benchmark metric value unit; do
  record_figure jmh "$benchmark" "$metric" "$value" "$unit"
done < "$workdir/figures"
