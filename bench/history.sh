#!/usr/bin/env bash
# Benchmark of `evoplan history`: a repository of N commits (default 1,000), each appending one
# changeset to db/changelog.yaml, then the whole timeline timed once (wall time, peak RSS).
#   bench/history.sh          # 1,000 commits
#   COMMITS=200 bench/history.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
n="${COMMITS:-1000}"
repo="bench/out/history-repo"
steps="bench/out/history-steps"
[ -f target/evoplan.jar ] || mvn -B -q -Dmaven.test.skip=true package
rm -rf "$repo" "$steps"
mkdir -p "$repo/db"
java bench/GenerateHistory.java "$steps" "$n"
git -C "$repo" init -q -b main
for f in "$steps"/step-*.yaml; do
  cp "$f" "$repo/db/changelog.yaml"
  git -C "$repo" add db/changelog.yaml
  GIT_AUTHOR_NAME="Author $(( RANDOM % 5 ))" GIT_AUTHOR_EMAIL=a@example.com \
    GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.com \
    git -C "$repo" commit -q -m "changeset $(basename "$f" .yaml)"
done
# The launcher's first run of a command after a build records that command's class-data archive
# (slower, and more memory): do that on a short history first, so the timed run maps it.
./evoplan history --help >/dev/null 2>&1 || true
/usr/bin/time -f "%e %M" -o bench/out/time.txt ./evoplan history -C "$repo" db/changelog.yaml -f json -o bench/out/history.json
read -r wall rss < bench/out/time.txt
commits=$(grep -c '"shortId"' bench/out/history.json || true)
printf 'history: %d commits, %d in the timeline   wall %ss   peak RSS %d MiB\n' "$n" "$commits" "$wall" "$((rss / 1024))"
