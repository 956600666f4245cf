#!/usr/bin/env bash
# `evoplan verify` of the bundled sample (crawler v1 -> v2) with 100,000 rows per table, as a user
# runs it: cold JVM each run, server start included. Prints each run, then best and median of
# wall time and CPU (user + system of the whole process tree: the JVM and everything it waited for,
# plus the embedded PostgreSQL that pg_ctl leaves running on its own, see bench/tree_rusage.py),
# peak RSS (the largest single process, the JVM), the load average before and after, and where
# the median run spent its time: the report's step times by stage, and with a build that has them,
# the phase timings verify prints under -Devoplan.verify.timings.
#   bench/verify.sh                          # target/evoplan.jar, 3 runs
#   RUNS=5 ROWS=10000 bench/verify.sh
#   EVOPLAN_JAR=/tmp/old.jar bench/verify.sh # another build
#   BEFORE_JAR=/tmp/old.jar bench/verify.sh  # that build too, interleaved: before -> after, and
#                                            # whether both reports say the same (times aside)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
runs="${RUNS:-3}"
rows="${ROWS:-100000}"
out="$root/bench/out/verify"
mkdir -p "$out"
[ -n "${EVOPLAN_JAR:-}" ] || [ -f target/evoplan.jar ] || mvn -B -o -q -Dmaven.test.skip=true package
abs() { echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; }
after_jar="$(abs "${EVOPLAN_JAR:-target/evoplan.jar}")"
jars=(after)
before_jar=""
if [ -n "${BEFORE_JAR:-}" ]; then
  before_jar="$(abs "$BEFORE_JAR")"
  jars=(before after)
fi
# The launcher's JVM flags, read from its jvm=(java ...) line. An old jar beside no pg-binaries folder finds the binaries in ~/.m2.
eval "$(grep -m1 '^jvm=(java ' "$root/evoplan")"
jvm+=(-Devoplan.verify.timings=1)
args=(verify --from changelogs/crawler/v1/db.changelog-master.yaml
  --to changelogs/crawler/v2/db.changelog-master.yaml --rows "$rows" --format json)

echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq "$runs"); do
  for which in "${jars[@]}"; do
    jar="$after_jar"
    [ "$which" = after ] || jar="$before_jar"
    load="$(cut -d' ' -f1 /proc/loadavg)"
    python3 bench/tree_rusage.py "$out/$which-$i.time.json" "$out/$which-$i.json" "$out/$which-$i.err" \
      -- "${jvm[@]}" -jar "$jar" "${args[@]}"
    python3 - "$out/$which-$i.time.json" "$which" "$i" "$load" <<'EOF'
import json, sys
t = json.load(open(sys.argv[1]))
print("%-6s run %s: wall %6.2f s  cpu %6.2f s (jvm %5.2f, server %5.2f)  peak RSS %4d MiB  exit %d  load %s%s"
      % (sys.argv[2], sys.argv[3], t["wall_s"], t["cpu_s"], t["command_cpu_s"], t["server_cpu_s"],
         t["peak_rss_mib"], t["exit"], sys.argv[4], "  (a process was left running: not counted)" if t["unreaped"] else ""))
EOF
  done
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$out" "$runs" "${jars[@]}" <<'EOF'
import json, statistics, sys
out, runs, jars = sys.argv[1], int(sys.argv[2]), sys.argv[3:]

def runs_of(which):
    return [(i, json.load(open("%s/%s-%d.time.json" % (out, which, i)))) for i in range(1, runs + 1)]

def same_report(which, i):
    """The report without its times and probe figures (they differ from run to run)."""
    r = json.load(open("%s/%s-%d.json" % (out, which, i)))
    r.pop("totalMs", None)
    for s in r.get("steps", []):
        for k in ("durationMs", "probeMaxWaitMs", "probeTable", "probeStatements", "probeErrors"):
            s.pop(k, None)
    return r

summary = {}
for which in jars:
    rs = runs_of(which)
    walls = sorted(t["wall_s"] for _, t in rs)
    cpus = sorted(t["cpu_s"] for _, t in rs)
    med_i = sorted(rs, key=lambda p: p[1]["wall_s"])[len(rs) // 2][0]
    summary[which] = (min(walls), statistics.median(walls), min(cpus), statistics.median(cpus),
                      max(t["peak_rss_mib"] for _, t in rs), med_i)
    print("\n%s: wall best %.2f s, median %.2f s; cpu best %.2f s, median %.2f s; peak RSS %d MiB"
          % ((which,) + summary[which][:5]))
    report = json.load(open("%s/%s-%d.json" % (out, which, med_i)))
    print("  median run (%d): verdict %s, report total %d ms" % (med_i, report["verdict"], report["totalMs"]))
    by_stage = {}
    for s in report["steps"]:
        key = s["stage"] + (" checkpoints" if s["kind"] == "checkpoint" else "")
        by_stage[key] = by_stage.get(key, 0) + s["durationMs"]
    print("  steps by stage: " + ", ".join("%s %d ms" % kv for kv in by_stage.items()))
    timings = [l.strip()[len("evoplan timing: "):] for l in open("%s/%s-%d.err" % (out, which, med_i))
               if l.startswith("evoplan timing: ")]
    if timings:
        print("  phases: " + "; ".join(timings))
if len(jars) == 2:
    b, a = summary["before"], summary["after"]
    print("\nbefore -> after (medians): wall %.2f -> %.2f s (%.2fx), cpu %.2f -> %.2f s (%.2fx), peak RSS %d -> %d MiB"
          % (b[1], a[1], a[1] / b[1], b[3], a[3], a[3] / b[3], b[4], a[4]))
    same = all(same_report("before", i) == same_report("after", i) for i in range(1, runs + 1))
    print("reports (times and probe figures aside) the same: %s" % ("yes" if same else "NO"))
EOF
