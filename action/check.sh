#!/usr/bin/env bash
# The GitHub Action's work (action.yml), as a script so that a test can run exactly what the
# Action runs (GithubWorkflowTest). Three runs of `evoplan check` on the pull request:
#   1. workflow commands on stdout: GitHub puts each finding on its line of the diff; its exit
#      code is the gate (--fail-on), kept for the Action's last step;
#   2. SARIF for code scanning (upload-sarif), the same findings;
#   3. the Markdown report (it always fits: cut under 60,000 characters) into $GITHUB_STEP_SUMMARY.
# Inputs, from the environment:
#   EVOPLAN          the command that runs evoplan (default: java -jar "$EVOPLAN_JAR")
#   EVOPLAN_PATH     the changelog, SQL file or migration folder to compare (required)
#   EVOPLAN_BASE     the base ref (default: origin/$GITHUB_BASE_REF)
#   EVOPLAN_FAIL_ON  the gate (default: downtime)
#   EVOPLAN_ARGS     more options for every run (e.g. --pg-version 16), split on spaces
#   EVOPLAN_SARIF    where the SARIF goes (default: evoplan.sarif)
# Writes status=<exit code of run 1> to $GITHUB_OUTPUT and exits 0 unless evoplan could not run
# at all; the Action's last step fails the job on the status.
set -uo pipefail

: "${EVOPLAN_PATH:?EVOPLAN_PATH, the path input of the Action, is required}"
base="${EVOPLAN_BASE:-}"
if [ -z "$base" ]; then
  : "${GITHUB_BASE_REF:?not a pull_request event: give the Action a base input}"
  base="origin/$GITHUB_BASE_REF"
fi
fail_on="${EVOPLAN_FAIL_ON:-downtime}"
sarif="${EVOPLAN_SARIF:-evoplan.sarif}"
read -r -a command <<< "${EVOPLAN:-java -jar ${EVOPLAN_JAR:-evoplan.jar}}"
read -r -a more <<< "${EVOPLAN_ARGS:-}"
check=("${command[@]}" check --base "$base" "$EVOPLAN_PATH" --fail-on "$fail_on" "${more[@]}")

status=0
"${check[@]}" --format github || status=$?
"${check[@]}" --format sarif -o "$sarif" || true
report_url=""
if [ -n "${GITHUB_SERVER_URL:-}" ] && [ -n "${GITHUB_REPOSITORY:-}" ] && [ -n "${GITHUB_RUN_ID:-}" ]; then
  report_url="$GITHUB_SERVER_URL/$GITHUB_REPOSITORY/actions/runs/$GITHUB_RUN_ID"
fi
summary="$(mktemp)"
if "${check[@]}" --format markdown ${report_url:+--report-url "$report_url"} -o "$summary" || [ -s "$summary" ]; then
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ] && [ -s "$summary" ]; then
    cat "$summary" >> "$GITHUB_STEP_SUMMARY"
  fi
fi
rm -f "$summary"
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  echo "status=$status" >> "$GITHUB_OUTPUT"
fi
# 0 nothing at the gate, 1 findings at the gate: the report is complete either way.
# 2 usage, 3 input, 4 internal error: evoplan could not judge the change, so fail now.
if [ "$status" -ge 2 ]; then
  echo "::error title=evoplan::evoplan check stopped with exit $status (see the log above)"
  exit "$status"
fi
exit 0
