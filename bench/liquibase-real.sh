#!/usr/bin/env bash
# Runs evoplan on a local checkout of a Liquibase project (Apache Fineract, DependencyTrack's
# hyades-apiserver, or any other) between two commits, and prints load errors, the verdict
# counts and the needs-review findings counted by kind. Nothing of the checkout is copied.
#   bench/liquibase-real.sh CHECKOUT [FROM_REF] [TO_REF] [MASTER]
#     FROM_REF  default: the tag or commit 20 commits before TO_REF that has the master
#     TO_REF    default: HEAD
#     MASTER    the master changelog inside the checkout; default: the first of the known
#               layouts found at TO_REF (Fineract, DependencyTrack), else the first
#               db.changelog-master.* or changelog-main.xml
# Extra evoplan flags (contexts, say) can be given in EVOPLAN_FLAGS.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
checkout="${1:?usage: bench/liquibase-real.sh CHECKOUT [FROM_REF] [TO_REF] [MASTER]}"
checkout="$(cd "$checkout" && pwd)"
to="${3:-HEAD}"
evoplan="${EVOPLAN:-$root/evoplan}"
known=(fineract-provider/src/main/resources/db/changelog/db.changelog-master.xml
       migration/src/main/resources/migration/changelog-main.xml)
master="${4:-}"
if [ -z "$master" ]; then
  for m in "${known[@]}"; do
    if git -C "$checkout" cat-file -e "$to:$m" 2>/dev/null; then master="$m"; break; fi
  done
fi
if [ -z "$master" ]; then
  master="$(git -C "$checkout" ls-tree -r --name-only "$to" | grep -E '(db\.changelog-master\.(xml|yaml|yml)|changelog-main\.xml)$' | head -1)"
fi
if [ -z "$master" ]; then
  echo "no Liquibase master changelog found at $to in $checkout; pass it as the fourth argument" >&2
  exit 2
fi
from="${2:-$(git -C "$checkout" rev-list -n 1 --skip 20 "$to" -- "$(dirname "$master")")}"
echo "checkout: $checkout"
echo "master:   $master"
echo "from:     $from"
echo "to:       $to"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
for command in plan check; do
  # shellcheck disable=SC2086
  (cd "$checkout" && "$evoplan" "$command" ${EVOPLAN_FLAGS:-} --from "git:$from:$master" --to "git:$to:$master" \
      --format json --no-color >"$out/$command.json" 2>"$out/$command.err")
  code=$?
  echo
  echo "== $command: exit $code"
  if [ -s "$out/$command.err" ]; then
    echo "load errors:"
    sed 's/^/  /' "$out/$command.err"
  fi
  if [ "$code" -le 1 ] && [ -s "$out/$command.json" ]; then
    python3 - "$out/$command.json" <<'PY'
import collections, json, sys
report = json.load(open(sys.argv[1]))
print("mode:", report.get("mode"), "| verdict:", report.get("verdict"))
summary = report.get("summary", {})
print("verdicts:", ", ".join(f"{k} {v}" for k, v in summary.items()))
review = collections.Counter()
for f in report.get("findings", []):
    if f.get("safety") == "needs-review":
        kind = f.get("rule", "?")
        change = (f.get("change") or "").split(":")[0]
        review[f"{kind}: {change}"] += 1
if review:
    print("needs review by kind:")
    for kind, n in sorted(review.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {n:5d}  {kind}")
PY
  fi
done
