#!/usr/bin/env bash
# Benchmark of `evoplan check --base` as a pull-request gate runs it: a repository whose
# changelog has 2,000 changesets on main and a branch of 10 commits, each appending one
# changeset; then `check --base main` from inside the repository, cold JVM each run (best wall
# time and highest peak RSS of RUNS runs).
#   bench/gate.sh            # 3 runs
#   RUNS=5 bench/gate.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
runs="${RUNS:-3}"
repo="bench/out/gate-repo"
steps="bench/out/gate-steps"
[ -f target/evoplan.jar ] || mvn -B -q -Dmaven.test.skip=true package
rm -rf "$repo" "$steps"
mkdir -p "$repo/db"
# GenerateChangelog is deterministic in the changeset number: N changesets are a prefix of N+1.
java bench/GenerateChangelog.java "$steps/0" 2000 0 >/dev/null
for k in $(seq 10); do
  java bench/GenerateChangelog.java "$steps/$k" $((2000 + k)) "$k" >/dev/null
done
export GIT_AUTHOR_EMAIL=a@example.com GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.com
git -C "$repo" init -q -b main
cp "$steps/0/v2/db.changelog-master.yaml" "$repo/db/"
git -C "$repo" add db
GIT_AUTHOR_NAME=Main git -C "$repo" commit -q -m "2,000 changesets"
git -C "$repo" checkout -q -b feature
for k in $(seq 10); do
  cp "$steps/$k/v2/db.changelog-master.yaml" "$repo/db/"
  git -C "$repo" add db
  GIT_AUTHOR_NAME="Author $k" git -C "$repo" commit -q -m "changeset $((2000 + k))"
done

best_wall="" best_rss="" code=0
# One run first, not measured: the launcher's first run of a command after a build records that
# command's class-data archive (slower, and more memory), which later runs map.
(cd "$repo" && "$root/evoplan" check --base main db/db.changelog-master.yaml >/dev/null 2>&1) || true
for _ in $(seq "$runs"); do
  code=0
  (cd "$repo" && /usr/bin/time -f "%e %M" -o ../time.txt "$root/evoplan" check --base main \
      db/db.changelog-master.yaml -f json -o ../gate.json 2>../gate-stderr.txt) || code=$?
  # time(1) puts "Command exited with non-zero status" first when the gate trips.
  read -r wall rss < <(tail -n 1 bench/out/time.txt)
  if [ -z "$best_wall" ] || awk "BEGIN{exit !($wall < $best_wall)}"; then best_wall="$wall"; fi
  if [ -z "$best_rss" ] || [ "$rss" -gt "$best_rss" ]; then best_rss="$rss"; fi
done
findings=$(grep -c '"ruleId"\|"rule"' bench/out/gate.json || true)
traced=$(grep -o '"commit": "[0-9a-f]\{7\}' bench/out/gate.json | sort -u | wc -l || true)
printf 'check --base: 2,000 changesets on main, 10 on the branch   best wall %ss   peak RSS %d MiB   exit %d, %d finding lines, %d commits named   (%s runs)\n' \
  "$best_wall" "$((best_rss / 1024))" "$code" "$findings" "$traced" "$runs"
