#!/usr/bin/env bash
# How evoplan's cost grows with its input: lint of one file of N statements and of N CREATE TABLEs,
# plan of a YAML changelog of N changesets (+10), plan between two SQL schemas of N tables; then
# the single large inputs of issue 12: 100k ADD COLUMNs on one table, 100k CREATE INDEXes, a 50 MB
# DDL file, a 10 MB single-line file, a 10 MB COPY ... FROM stdin block (lint), plan from an empty
# file to the 50 MB DDL file, and a 50 MB YAML changelog (plan).
# One cold JVM per case; what must stay flat is the CPU time (user + system) each unit adds: the
# last column is (cpu(N) - cpu(previous N)) / (N - previous N), which leaves the start-up out. The
# table is written again in docs/performance.md between the scale markers.
#   bench/scale.sh                           # 1k/10k/100k statements, 1k/10k/20k changesets,
#                                            # 1k/10k/100k tables, and the large inputs
#   SIZES="1000 10000" CHANGESETS="1000" TABLES="1000" LARGE=0 NO_DOCS=1 bench/scale.sh
#   EVOPLAN_JAR=/tmp/old.jar NO_DOCS=1 bench/scale.sh
#   HEAP=1g LIMIT=600 bench/scale.sh           # under the issue's 1 GiB heap
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
sizes="${SIZES:-1000 10000 100000}"
changeset_sizes="${CHANGESETS:-1000 10000 20000}"
table_sizes="${TABLES:-1000 10000 100000}"
large="${LARGE:-1}"
yaml_mb="${YAML_MB:-50}"
limit="${LIMIT:-300}"
out="$root/bench/out/scale"
mkdir -p "$out"
[ -f target/evoplan.jar ] || mvn -B -o -q -Dmaven.test.skip=true package
jar="${EVOPLAN_JAR:-target/evoplan.jar}"
# The launcher's JVM flags, read from its jvm=(java ...) line so that the two never differ.
eval "$(grep -m1 '^jvm=(java ' "$root/evoplan")"
# HEAP=1g runs every case under -Xmx1g, the issue's memory bound (default: the JVM's own heap).
[ -n "${HEAP:-}" ] && jvm+=("-Xmx$HEAP")

rows="$out/rows.md"
: > "$rows"
previous_label="" previous_n=0 previous_cpu=0
# measure LABEL UNITS UNIT_NAME ARGS...: one run, limited to $limit seconds.
measure() {
  local label="$1" units="$2" unit="$3"; shift 3
  local code=0
  timeout "$limit" /usr/bin/time -f '%e %U %S %M' -o "$out/time.txt" "${jvm[@]}" -jar "$jar" "$@" \
      >"$out/stdout.txt" 2>"$out/stderr.txt" || code=$?
  local load
  load="$(cut -d' ' -f1 /proc/loadavg)"
  if [ "$code" -eq 124 ]; then
    printf '| %s | %s | over %s s | — | — | — | — | %s |\n' "$label" "$units" "$limit" "$load" | tee -a "$rows"
    previous_label=""
    return
  fi
  local cpu
  cpu="$(tail -n 1 "$out/time.txt" | awk '{ printf "%.2f", $2 + $3 }')"
  local marginal="—"
  if [ "$previous_label" = "$label" ]; then
    marginal="$(awk -v c="$cpu" -v pc="$previous_cpu" -v n="$units" -v pn="$previous_n" -v u="$unit" \
        'BEGIN { printf "%.1f µs/%s", (c - pc) * 1e6 / (n - pn), u }')"
  fi
  tail -n 1 "$out/time.txt" | awk -v l="$label" -v n="$units" -v u="$unit" -v c="$code" -v load="$load" -v m="$marginal" '{
      cpu = $2 + $3
      printf "| %s | %s | %s s | %.2f s | %d MiB | %.1f µs/%s | %s%s | %s |\n", l, n, $1, cpu, $4 / 1024, cpu * 1e6 / n, u, m,
          (c == 0 || c == 1) ? "" : " (exit " c ")", load }' | tee -a "$rows"
  previous_label="$label" previous_n="$units" previous_cpu="$cpu"
}

for n in $sizes; do
  java bench/GenerateScale.java statements "$n" "$out/statements-$n/V1__many.sql"
  measure "lint, one file of N statements" "$n" statement lint "$out/statements-$n/V1__many.sql"
done
for n in $changeset_sizes; do
  java bench/GenerateChangelog.java "$out/changesets-$n" $((n + 10)) 10 >/dev/null
  measure "plan, YAML changelog of N changesets, +10" "$n" changeset plan \
      --from "$out/changesets-$n/v1/db.changelog-master.yaml" --to "$out/changesets-$n/v2/db.changelog-master.yaml"
done
for n in $table_sizes; do
  java bench/GenerateScale.java tables "$n" "$out/tables-$n"
  measure "lint, N CREATE TABLEs (and indexes) in one file" "$n" table lint "$out/tables-$n/v1.sql"
done
for n in $table_sizes; do
  measure "plan, schema of N tables, +1 column, index, table" "$n" table plan --from "$out/tables-$n/v1.sql" \
      --to "$out/tables-$n/v2.sql"
done
if [ "$large" = 1 ]; then
  java bench/GenerateScale.java add-columns 100000 "$out/large/add-columns.sql"
  measure "lint, 100k ADD COLUMNs on one table" 100000 statement lint "$out/large/add-columns.sql"
  java bench/GenerateScale.java create-indexes 100000 "$out/large/create-indexes.sql"
  measure "lint, 100k CREATE INDEXes" 100000 statement lint "$out/large/create-indexes.sql"
  java bench/GenerateScale.java ddl 50 "$out/large/ddl.sql"
  measure "lint, 50 MB DDL file" 50 MB lint "$out/large/ddl.sql"
  : > "$out/large/empty.sql"
  measure "plan, empty → 50 MB DDL file" 50 MB plan --from "$out/large/empty.sql" --to "$out/large/ddl.sql"
  java bench/GenerateScale.java single-line 10 "$out/large/single-line.sql"
  measure "lint, 10 MB single-line file" 10 MB lint "$out/large/single-line.sql"
  java bench/GenerateScale.java copy 10 "$out/large/copy.sql"
  measure "lint, 10 MB COPY FROM stdin block" 10 MB lint "$out/large/copy.sql"
  # About 200 bytes a changeset: 50 MB is some 262,000 changesets (the issue's had 275,660).
  yaml_n=$((yaml_mb * 1024 * 1024 / 200))
  java bench/GenerateChangelog.java "$out/yaml-$yaml_mb" "$yaml_n" 10 >/dev/null
  measure "plan, $yaml_mb MB YAML changelog ($yaml_n changesets), +10" "$yaml_n" changeset plan \
      --from "$out/yaml-$yaml_mb/v1/db.changelog-master.yaml" --to "$out/yaml-$yaml_mb/v2/db.changelog-master.yaml"
fi

table="$out/table.md"
{
  echo "| workload | N | wall | cpu | peak RSS | cpu / N | cpu each unit adds | load average |"
  echo "|---|---|---|---|---|---|---|---|"
  cat "$rows"
  echo
  echo "One cold JVM per row ($(nproc) cores shared, load average at the end of each run${HEAP:+, every row under -Xmx$HEAP}; $(date -u +%Y-%m-%d))."
} > "$table"
if [ -z "${NO_DOCS:-}" ]; then
  python3 - "$root/docs/performance.md" "$table" <<'PY'
import sys
doc, table = sys.argv[1], open(sys.argv[2]).read()
text = open(doc).read()
begin, end = "<!-- scale:begin (bench/scale.sh writes this table) -->", "<!-- scale:end -->"
if begin not in text:
    text = text.rstrip("\n") + "\n\n" + begin + "\n" + end + "\n"
head, rest = text.split(begin, 1)
_, tail = rest.split(end, 1)
open(doc, "w").write(head + begin + "\n" + table + end + tail)
PY
fi
