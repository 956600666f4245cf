#!/usr/bin/env bash
# evoplan over public test corpora, read from checkouts given at run time (nothing of theirs is
# kept here):
#   bench/corpus/run.sh squawk  SQUAWK_CHECKOUT                 # lint squawk's rule-test SQL
#   bench/corpus/run.sh psd     PG_SCHEMA_DIFF_CHECKOUT [MAJOR [CASES_FILE]]
#                                  # plan pg-schema-diff's cases; with MAJOR, PostgreSQL is the oracle;
#                                  # with CASES_FILE (case folder names, one a line), only those
#   bench/corpus/run.sh lemmy   LEMMY_CHECKOUT                   # lint lemmy's migrations, needs-review by kind
# Results: a summary on stdout, one line per case in bench/out/corpus-<kind>/cases.tsv.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
kind="$1"; checkout="$2"
jar="${EVOPLAN_JAR:-target/evoplan.jar}"
[ -f "$jar" ] || mvn -B -q -Dmaven.test.skip=true package
out="bench/out/corpus-$kind"
rm -rf "$out"; mkdir -p "$out"
case "$kind" in
  squawk)
    python3 bench/corpus/squawk_cases.py "$checkout" "$out/cases" >&2
    java -cp "$jar" bench/corpus/Corpus.java squawk "$out/cases" "$out" ;;
  psd)
    python3 bench/corpus/pgschemadiff_cases.py "$checkout" "$out/cases" >&2
    pg=(); [ $# -ge 3 ] && pg=(--pg "$3")
    [ $# -ge 4 ] && pg+=(--only "$(realpath "$4")")
    java -Devoplan.pgBinaries="$root/target/pg-binaries" -cp "$jar" bench/corpus/Corpus.java psd "$out/cases" "$out" "${pg[@]}" ;;
  lemmy)
    set +e
    java -jar "$jar" lint --format json "$checkout"/migrations > "$out/lint.json" 2> "$out/stderr.txt"
    echo "exit $?"; set -e
    head -c 300 "$out/stderr.txt"
    python3 - "$out/lint.json" <<'PY'
import collections, json, sys
try:
    d = json.load(open(sys.argv[1]))
except Exception:
    print("no report"); sys.exit(0)
print("files", d.get("files"), "statements", d.get("statements"), "verdict", d.get("verdict"), "summary", d.get("summary"))
kinds = collections.Counter()
for f in d["findings"]:
    if f["safety"] == "needs-review":
        kinds[(f["rule"], (f.get("change") or "").split(":")[0][:40])] += 1
for (rule, change), n in kinds.most_common():
    print(f"{n:5d}  {rule:32s} {change}")
PY
    ;;
  *) echo "unknown corpus $kind" >&2; exit 2 ;;
esac
