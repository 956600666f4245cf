#!/usr/bin/env bash
# evoplan side by side with the tools a team would run instead, interleaved (evoplan, peer,
# evoplan, peer, ...) so both see the same machine load; medians of wall and CPU time, peak RSS,
# the ratios; then the figures table in docs/performance.md (between the peers markers) is
# written again.
#   bench/peers.sh LEMMY_MIGRATIONS FINERACT_CHECKOUT
#   RUNS=7 bench/peers.sh /work/real/lemmy/migrations /work/real/fineract
#   EVOPLAN_JAR=/tmp/old.jar NO_DOCS=1 bench/peers.sh ...   # another build, table printed only
#   BEFORE_JAR=/tmp/old/evoplan.jar bench/peers.sh ...       # also that build, interleaved: before -> after
#   WORKLOADS="lint-one lint-lemmy" WARMUP=0 bench/peers.sh ... # some workloads, no unmeasured round
# Peers: squawk's native binary (npm package squawk-cli@2.66.0, installed under bench/out at run
# time) for lint; Liquibase 4.33's own parser (bench/peers/LiquibaseParse.java, on evoplan's jar)
# reading the same changelogs for plan. Nothing of the checkouts is copied into the repository:
# Liquibase cannot read git, so the two Fineract refs are unpacked into a temporary folder.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
lemmy="$(cd "${1:?usage: bench/peers.sh LEMMY_MIGRATIONS FINERACT_CHECKOUT}" && pwd)"
fineract="$(cd "${2:?usage: bench/peers.sh LEMMY_MIGRATIONS FINERACT_CHECKOUT}" && pwd)"
cd "$root"
runs="${RUNS:-5}"
out="$root/bench/out/peers"
mkdir -p "$out"
[ -f target/evoplan.jar ] || mvn -B -o -q -Dmaven.test.skip=true package
jar="$(cd "$(dirname "${EVOPLAN_JAR:-target/evoplan.jar}")" && pwd)/$(basename "${EVOPLAN_JAR:-target/evoplan.jar}")"
before_jar=""
[ -z "${BEFORE_JAR:-}" ] || before_jar="$(cd "$(dirname "$BEFORE_JAR")" && pwd)/$(basename "$BEFORE_JAR")"
# The launcher's JVM flags, read from its jvm=(java ...) line, for evoplan and for Liquibase alike
# (the class-data archive aside).
eval "$(grep -m1 '^jvm=(java ' "$root/evoplan")"
# evoplan maps the class-data archive mvn package records beside the jar for the command, as the
# launcher does (none for a jar without them, or with NO_CDS=1).
cds() {
  local jsa j="${2:-$jar}"
  jsa="$(dirname "$j")/evoplan-$1.jsa"
  if [ -z "${NO_CDS:-}" ] && [ -f "$jsa" ] && [ "$jsa" -nt "$j" ]; then
    echo "-XX:SharedArchiveFile=$jsa -Xlog:cds=off -Xlog:cds+dynamic=off"
  fi
}

# The JVM maps an archive only for the jar path it was recorded with ("shared class paths
# mismatch"), and then runs with none at all, not even the JDK's: a jar copied elsewhere
# (BEFORE_JAR=/tmp/old/evoplan.jar) would be measured without its archives. Record them again at
# the jar's own path, as mvn package does (evoplan-archives.for names the jar and java).
record_for() {
  local j="$1" dir for_file
  dir="$(dirname "$j")"
  for_file="$dir/evoplan-archives.for"
  [ -z "${NO_CDS:-}" ] || return 0
  if [ "$(sed -n 1p "$for_file" 2>/dev/null)" != "$j" ] \
    || [ "$(sed -n 2p "$for_file" 2>/dev/null)" != "$(command -v java)" ]; then
    echo "recording class-data archives for $j" >&2
    java "$root/src/build/RecordClassArchives.java" "$root" "$j" >/dev/null
  fi
}
record_for "$jar"
[ -z "$before_jar" ] || record_for "$before_jar"

# ---- peers
squawk_dir="$root/bench/out/squawk-2.66.0"
if [ ! -x "$squawk_dir/node_modules/@squawk-cli/linux-x64/bin/squawk" ]; then
  mkdir -p "$squawk_dir"
  (cd "$squawk_dir" && npm install --silent --no-audit --no-fund --prefix . squawk-cli@2.66.0 >/dev/null)
fi
squawk="$(find "$squawk_dir/node_modules/@squawk-cli" -path '*/bin/squawk' -type f | head -1)"
mkdir -p bench/out/peers-classes
javac -d bench/out/peers-classes -cp "$jar" bench/peers/*.java
liquibase=("${jvm[@]}" -cp "$jar:$root/bench/out/peers-classes" LiquibaseParse)

# ---- inputs
printf 'SET lock_timeout = %s;\nALTER TABLE orders ADD COLUMN note text;\nCREATE INDEX CONCURRENTLY orders_note_idx ON orders (note);\n' "'2s'" \
  > "$out/single.sql"
mapfile -t lemmy_files < <(find "$lemmy" -name up.sql | sort)
java bench/GenerateChangelog.java "$out/synthetic" 2010 10 >/dev/null
# Fineract: the master changelog 20 commits back and at HEAD (bench/liquibase-real.sh's default);
# every module's db/ resources merged as the classpath merges them, for Liquibase.
master=fineract-provider/src/main/resources/db/changelog/db.changelog-master.xml
fin_from="${FINERACT_FROM:-$(git -C "$fineract" rev-list -n 1 --skip 20 HEAD -- "$(dirname "$master")")}"
fin_to="${FINERACT_TO:-$(git -C "$fineract" rev-parse HEAD)}"
# The older master's includeAll names a filter class of Fineract's; evoplan runs no project code,
# so it is told what that filter accepts (bench/peers/TenantModuleRootFilter.java, the peer's
# stand-in, accepts the same). A jar older than the flag (BEFORE_JAR=) refuses it.
fin_filter="org.apache.fineract.infrastructure.core.service.migration.TenantModuleRootFilter=**/module-changelog-master.xml"
unpacked="$(mktemp -d)"
trap 'rm -rf "$unpacked"' EXIT
for ref in "$fin_from" "$fin_to"; do
  mkdir -p "$unpacked/$ref"
  for module in $(git -C "$fineract" ls-tree -d --name-only "$ref"); do
    if git -C "$fineract" cat-file -e "$ref:$module/src/main/resources/db" 2>/dev/null; then
      git -C "$fineract" archive "$ref" "$module/src/main/resources/db" | tar -x -C "$unpacked/$ref" --strip-components=4
    fi
  done
done
# check --base: 2,000 changesets on main, a branch of 10 commits adding one each (as bench/gate.sh).
repo="$out/gate-repo"
rm -rf "$repo" "$out/gate-steps"
mkdir -p "$repo/db"
java bench/GenerateChangelog.java "$out/gate-steps/0" 2000 0 >/dev/null
for k in $(seq 10); do java bench/GenerateChangelog.java "$out/gate-steps/$k" $((2000 + k)) "$k" >/dev/null; done
export GIT_AUTHOR_EMAIL=a@example.com GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.com
git -C "$repo" init -q -b main
cp "$out/gate-steps/0/v2/db.changelog-master.yaml" "$repo/db/"
git -C "$repo" add db && GIT_AUTHOR_NAME=Main git -C "$repo" commit -q -m "2,000 changesets"
git -C "$repo" checkout -q -b feature
for k in $(seq 10); do
  cp "$out/gate-steps/$k/v2/db.changelog-master.yaml" "$repo/db/"
  git -C "$repo" add db && GIT_AUTHOR_NAME="Author $k" git -C "$repo" commit -q -m "changeset $((2000 + k))"
done

# ---- measuring
# run NAME DIR CMD...: one timed run, appended to $out/NAME.tsv as "wall cpu rss_kib exit".
run() {
  local name="$1" dir="$2"; shift 2
  local code=0
  (cd "$dir" && /usr/bin/time -f '%e %U %S %M' -o "$out/time.txt" "$@" >"$out/$name.stdout" 2>"$out/$name.stderr") || code=$?
  tail -n 1 "$out/time.txt" | awk -v c="$code" '{ printf "%s %.2f %s %s\n", $1, $2 + $3, $4, c }' >> "$out/$name.tsv"
}
# median COLUMN FILE
median() { cut -d' ' -f"$1" "$2" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

read -r -a workloads <<< "${WORKLOADS:-lint-one lint-lemmy plan-2000 plan-fineract check-base}"
declare -A label=(
  [lint-one]="lint one small migration file"
  [lint-lemmy]="lint Lemmy's ${#lemmy_files[@]} up.sql files"
  [plan-2000]="plan 2,000 → 2,010 changesets (YAML)"
  [plan-fineract]="plan Apache Fineract, ${fin_from:0:8} → ${fin_to:0:8}"
  [check-base]="check --base main, 2,000 + 10 changesets"
)
declare -A peer_label=(
  [lint-one]="squawk 2.66"
  [lint-lemmy]="squawk 2.66"
  [plan-2000]="Liquibase 4.33 parse of both"
  [plan-fineract]="Liquibase 4.33 parse of both"
  [check-base]="—"
)
# evoplan_of WORKLOAD [JAR SUFFIX]: one run of that build (default: the one measured), timed as
# WORKLOAD+SUFFIX.
evoplan_of() {
  local j="${2:-$jar}" n="$1${3:-}"
  case "$1" in
    lint-one) run "$n" "$root" "${jvm[@]}" $(cds lint "$j") -jar "$j" lint "$out/single.sql" ;;
    lint-lemmy) run "$n" "$root" "${jvm[@]}" $(cds lint "$j") -jar "$j" lint "$lemmy" ;;
    plan-2000) run "$n" "$root" "${jvm[@]}" $(cds plan "$j") -jar "$j" plan --from "$out/synthetic/v1/db.changelog-master.yaml" \
        --to "$out/synthetic/v2/db.changelog-master.yaml" ;;
    plan-fineract) run "$n" "$fineract" "${jvm[@]}" $(cds plan "$j") -jar "$j" plan --from "git:$fin_from:$master" --to "git:$fin_to:$master" \
        --include-all-filter "$fin_filter" ;;
    check-base) run "$n" "$repo" "${jvm[@]}" $(cds check "$j") -jar "$j" check --base main db/db.changelog-master.yaml ;;
  esac
}
peer_of() {
  case "$1" in
    lint-one) run "$1.peer" "$root" "$squawk" "$out/single.sql" ;;
    lint-lemmy) run "$1.peer" "$root" "$squawk" "${lemmy_files[@]}" ;;
    plan-2000) run "$1.peer" "$root" "${liquibase[@]}" "$out/synthetic/v1" db.changelog-master.yaml \
        "$out/synthetic/v2" db.changelog-master.yaml ;;
    plan-fineract) run "$1.peer" "$root" "${liquibase[@]}" "$unpacked/$fin_from" db/changelog/db.changelog-master.xml \
        "$unpacked/$fin_to" db/changelog/db.changelog-master.xml ;;
    check-base) ;;
  esac
}

rm -f "$out"/*.tsv
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
# One unmeasured round first: the page cache and the JIT-less first touch of the jar.
if [ "${WARMUP:-1}" != 0 ]; then
  for w in "${workloads[@]}"; do
    evoplan_of "$w"
    [ -z "$before_jar" ] || evoplan_of "$w" "$before_jar" .before
    peer_of "$w"
  done
fi
rm -f "$out"/*.tsv
for i in $(seq "$runs"); do
  for w in "${workloads[@]}"; do
    evoplan_of "$w"
    [ -z "$before_jar" ] || evoplan_of "$w" "$before_jar" .before
    peer_of "$w"
  done
done
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

table="$out/table.md"
{
  echo "| workload | evoplan wall (cpu) | evoplan peak RSS | peer | peer wall (cpu) | peer peak RSS | ratio wall (cpu) |"
  echo "|---|---|---|---|---|---|---|"
  for w in "${workloads[@]}"; do
    f="$out/$w.tsv"
    wall=$(median 1 "$f"); cpu=$(median 2 "$f"); rss=$(cut -d' ' -f3 "$f" | sort -n | tail -1)
    codes=$(cut -d' ' -f4 "$f" | sort -u | paste -sd/)
    note=""; [ "$codes" = 0 ] || note=" (exit $codes)"
    if [ -f "$out/$w.peer.tsv" ]; then
      p="$out/$w.peer.tsv"
      pwall=$(median 1 "$p"); pcpu=$(median 2 "$p"); prss=$(cut -d' ' -f3 "$p" | sort -n | tail -1)
      pcodes=$(cut -d' ' -f4 "$p" | sort -u | paste -sd/)
      # squawk exits 1 when it finds something; any other peer failure is shown.
      pnote=""; case "$pcodes" in 0|1) ;; *) pnote=" (exit $pcodes)" ;; esac
      # /usr/bin/time counts in hundredths: a peer under 0.01 s gives a lower bound, not a ratio.
      ratio=$(awk -v a="$wall" -v b="$pwall" -v c="$cpu" -v d="$pcpu" 'function r(x, y) {
          return y > 0 ? sprintf("%.1f×", x / y) : sprintf("over %.0f×", x / 0.01) }
        BEGIN { printf "%s (%s)", r(a, b), r(c, d) }')
      printf '| %s%s | %s s (%s s) | %d MiB | %s%s | %s s (%s s) | %d MiB | %s |\n' "${label[$w]}" "$note" "$wall" "$cpu" \
        $((rss / 1024)) "${peer_label[$w]}" "$pnote" "$pwall" "$pcpu" $((prss / 1024)) "$ratio"
    else
      printf '| %s%s | %s s (%s s) | %d MiB | — | — | — | — |\n' "${label[$w]}" "$note" "$wall" "$cpu" $((rss / 1024))
    fi
  done
  echo
  echo "Medians of $runs interleaved runs, cold JVM each ($(nproc) cores, load average $load_before at the start, $load_after at the end; $(date -u +%Y-%m-%d))."
} > "$table"
if [ -n "$before_jar" ]; then
  # The same run's medians of the other build, and whether the last runs' outputs are the same.
  {
    echo
    echo "| workload | before wall (cpu) | after wall (cpu) | before peak RSS | after peak RSS | output |"
    echo "|---|---|---|---|---|---|"
    for w in "${workloads[@]}"; do
      f="$out/$w.tsv"; b="$out/$w.before.tsv"
      same="identical"
      cmp -s "$out/$w.stdout" "$out/$w.before.stdout" || same="stdout differs"
      cmp -s "$out/$w.stderr" "$out/$w.before.stderr" || same="$same, stderr differs"
      printf '| %s | %s s (%s s) | %s s (%s s) | %d MiB | %d MiB | %s |\n' "${label[$w]}" \
        "$(median 1 "$b")" "$(median 2 "$b")" "$(median 1 "$f")" "$(median 2 "$f")" \
        $(($(cut -d' ' -f3 "$b" | sort -n | tail -1) / 1024)) $(($(cut -d' ' -f3 "$f" | sort -n | tail -1) / 1024)) "$same"
    done
  } > "$out/before-after.md"
  cat "$out/before-after.md"
fi
cat "$table"
if [ -z "${NO_DOCS:-}" ]; then
  python3 - "$root/docs/performance.md" "$table" <<'PY'
import sys
doc, table = sys.argv[1], open(sys.argv[2]).read()
text = open(doc).read()
begin, end = "<!-- peers:begin (bench/peers.sh writes this table) -->", "<!-- peers:end -->"
if begin not in text:
    text = text.rstrip("\n") + "\n\n" + begin + "\n" + end + "\n"
head, rest = text.split(begin, 1)
_, tail = rest.split(end, 1)
open(doc, "w").write(head + begin + "\n" + table + end + tail)
PY
fi
