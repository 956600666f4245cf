#!/usr/bin/env bash
# Random schema pairs on embedded PostgreSQL 16 (issue 12, item 7): plans between N generated
# old/new SQL schemas, runs each plan and compares the catalog with the new schema applied
# directly. Usage: bench/random-pairs.sh [PAIRS] [FIRST_SEED]   (default 1000 from seed 1)
# Prints the outcome counts and every mismatch with its seed and SQL (target/surefire-reports).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
pairs="${1:-1000}"
first="${2:-1}"
mvn -B -o -q test -Dtest=RandomSchemaPairsOnPostgresTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Devoplan.randomPairs="$pairs" -Devoplan.randomPairsFirstSeed="$first" \
  | grep -E "random schema pairs|step rejected|different end state|^seed " || true
grep -h "random schema pairs" target/surefire-reports/*RandomSchemaPairsOnPostgresTest-output.txt 2>/dev/null || true
