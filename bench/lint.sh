#!/usr/bin/env bash
# Whole-process benchmark of `./evoplan lint`: wall time and peak memory (RSS), cold JVM each run.
#   bench/lint.sh           # 3,000 generated migration files (~25,000 statements) and one small file
#   RUNS=5 bench/lint.sh    # more runs per case
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
runs="${RUNS:-3}"
[ -f target/evoplan.jar ] || mvn -B -q -Dmaven.test.skip=true package
mkdir -p bench/out
java bench/GenerateMigrations.java bench/out/migrations 3000 25000
printf 'SET lock_timeout = %s;\nALTER TABLE orders ADD COLUMN note text;\nCREATE INDEX CONCURRENTLY orders_note_idx ON orders (note);\n' "'2s'" \
  > bench/out/single.sql

measure() {
  local name="$1"; shift
  local best_wall="" best_rss=""
  # One run first, not measured: the launcher's first run of a command after a build records that
  # command's class-data archive (slower, and more memory), which later runs map.
  ./evoplan "$@" >/dev/null 2>&1 || true
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o bench/out/time.txt ./evoplan "$@" >bench/out/lint-report.txt 2>bench/out/stderr.txt || true
    read -r wall rss < <(tail -n 1 bench/out/time.txt)
    if [ -z "$best_wall" ] || awk "BEGIN{exit !($wall < $best_wall)}"; then best_wall="$wall"; fi
    if [ -z "$best_rss" ] || [ "$rss" -gt "$best_rss" ]; then best_rss="$rss"; fi
  done
  printf '%-44s best wall %6ss   peak RSS %6d MiB   (%s runs)\n' "$name" "$best_wall" "$((best_rss / 1024))" "$runs"
}

measure "lint: 3,000 files, 25,000 statements" lint bench/out/migrations
head -n 1 bench/out/lint-report.txt
measure "  the same, --format json" lint --format json bench/out/migrations
measure "lint: one small file (start-up)" lint bench/out/single.sql
