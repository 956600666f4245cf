#!/usr/bin/env bash
# Whole-process benchmarks of `./evoplan` as users run it: wall time and peak memory (RSS),
# cold JVM each run.
#   bench/run.sh            # sample changelogs and a synthetic 2,000-changeset changelog
#   RUNS=5 bench/run.sh     # more runs per case
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
runs="${RUNS:-3}"
[ -f target/evoplan.jar ] || mvn -B -q -Dmaven.test.skip=true package
java bench/GenerateChangelog.java bench/out/synthetic 2000 10 >/dev/null

measure() {
  local name="$1"; shift
  local best_wall="" best_rss=""
  # One run first, not measured: the launcher's first run of a command after a build records that
  # command's class-data archive (slower, and more memory), which later runs map.
  ./evoplan "$@" >/dev/null 2>&1 || true
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o bench/out/time.txt ./evoplan "$@" >/dev/null 2>bench/out/stderr.txt || true
    read -r wall rss < bench/out/time.txt
    if [ -z "$best_wall" ] || awk "BEGIN{exit !($wall < $best_wall)}"; then best_wall="$wall"; fi
    if [ -z "$best_rss" ] || [ "$rss" -gt "$best_rss" ]; then best_rss="$rss"; fi
  done
  printf '%-40s best wall %6ss   peak RSS %6d MiB   (%s runs)\n' "$name" "$best_wall" "$((best_rss / 1024))" "$runs"
}

mkdir -p bench/out
measure "plan: sample crawler v1 -> v2" plan --from changelogs/crawler/v1/db.changelog-master.yaml --to changelogs/crawler/v2/db.changelog-master.yaml
measure "plan: synthetic 1990 -> 2000 changesets" plan --from bench/out/synthetic/v1/db.changelog-master.yaml --to bench/out/synthetic/v2/db.changelog-master.yaml
measure "rules (start-up only)" rules
