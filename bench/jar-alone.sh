#!/usr/bin/env bash
# The release runs with only a JRE: target/evoplan.jar is copied alone into an empty folder and
# run from another one, with an empty HOME (so no ~/.m2: no Maven repository, no embedded
# PostgreSQL binaries), an environment holding only PATH to java, and no network where
# `unshare -rn` is allowed. It runs plan, check, lint, --version and completion on a copy of the
# sample, and checks that what needs more than the jar says so in one line (exit 3).
# Usage: mvn -B -o -q package -DskipTests && bench/jar-alone.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/target/evoplan.jar"
[ -f "$jar" ] || { echo "no $jar: run mvn -B package -DskipTests first" >&2; exit 2; }
java="$(readlink -f "$(command -v java)")"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/release" "$tmp/home" "$tmp/work"
cp "$jar" "$tmp/release/evoplan.jar"
cp -r "$root/changelogs/crawler" "$tmp/work/crawler"
isolate=()
if unshare -rn true 2>/dev/null; then
  isolate=(unshare -rn)
  echo "network: none (unshare -rn)"
else
  echo "network: not isolated (unshare -rn is not allowed here)"
fi
failures=0
# run NAME EXPECTED_EXIT ARGS...: runs the jar alone; stdout to $tmp/NAME.out, stderr to $tmp/NAME.err.
run() {
  local name="$1" expected="$2"
  shift 2
  local status=0
  (cd "$tmp/work" && env -i PATH="$(dirname "$java"):/usr/bin:/bin" HOME="$tmp/home" "${isolate[@]}" \
      "$java" -Duser.home="$tmp/home" -jar "$tmp/release/evoplan.jar" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err") || status=$?
  if [ "$status" != "$expected" ]; then
    echo "FAIL $name: exit $status, expected $expected"; sed 's/^/  /' "$tmp/$name.err" | head -5
    failures=$((failures + 1))
  else
    echo "ok   $name (exit $status)"
  fi
}
expect() { # expect NAME FILE(out|err) REGEX
  if ! grep -Eq "$3" "$tmp/$1.$2"; then
    echo "FAIL $1: $2 does not match /$3/"; head -5 "$tmp/$1.$2" | sed 's/^/  /'
    failures=$((failures + 1))
  fi
}
v1=crawler/v1/db.changelog-master.yaml
v2=crawler/v2/db.changelog-master.yaml
run plan 0 plan --from "$v1" --to "$v2"
expect plan out '^verdict: '
expect plan out '^summary: [0-9]+ downtime'
run check 1 check --from "$v1" --to "$v2" --format sarif -o report.sarif
[ -s "$tmp/work/report.sarif" ] || { echo "FAIL check: no report.sarif"; failures=$((failures + 1)); }
run lint 1 lint crawler/migrations
expect lint out 'DOWNTIME'
run version 0 --version
expect version out '^evoplan [0-9]'
expect version out '^commit '
run completion 0 completion bash
expect completion out 'complete -F'
# What needs more than the jar says what is missing, in one line, exit 3.
run verify 3 verify --from "$v1" --to "$v2"
expect verify err '^evoplan: '
[ "$(wc -l <"$tmp/verify.err")" = 1 ] || { echo "FAIL verify: not one line"; failures=$((failures + 1)); }
run docker 3 verify --db docker --from "$v1" --to "$v2"
expect docker err 'needs the Testcontainers jars in lib/'
[ "$(wc -l <"$tmp/docker.err")" = 1 ] || { echo "FAIL docker: not one line"; failures=$((failures + 1)); }
# plan never needed a PostgreSQL server: nothing was extracted or written under HOME.
if [ -n "$(find "$tmp/home" -mindepth 1 -print -quit)" ]; then
  echo "FAIL: the runs wrote under HOME:"; find "$tmp/home" -mindepth 1 | head; failures=$((failures + 1))
fi
if unzip -l "$jar" | grep -Eq 'postgres-linux|\.txz$'; then
  echo "FAIL: the jar bundles PostgreSQL binaries"; failures=$((failures + 1))
fi
# The launcher: builds (saying so) only when there is no jar or the sources are newer, runs an
# existing jar without Maven, and runs the jar next to it in a release folder. A stand-in mvn on
# PATH "builds" by copying the real jar, so this checks the launcher, not Maven.
launch() { # launch NAME EXPECTED_EXIT DIR PATH ARGS...
  local name="$1" expected="$2" dir="$3" path="$4" status=0
  shift 4
  env -i PATH="$path" HOME="$tmp/home" bash "$dir/evoplan" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err" || status=$?
  if [ "$status" != "$expected" ]; then
    echo "FAIL $name: exit $status, expected $expected"; sed 's/^/  /' "$tmp/$name.err" | head -5
    failures=$((failures + 1))
  else
    echo "ok   $name (exit $status)"
  fi
}
javadir="$(dirname "$java")"
mkdir -p "$tmp/clone/src/main" "$tmp/stub" "$tmp/release-folder"
cp "$root/evoplan" "$tmp/clone/evoplan"
touch "$tmp/clone/pom.xml" "$tmp/clone/src/main/Main.java"
printf '#!/bin/sh\nmkdir -p target && cp "%s" target/evoplan.jar\n' "$jar" > "$tmp/stub/mvn"
chmod +x "$tmp/stub/mvn"
sleep 1
launch launcher-first 0 "$tmp/clone" "$tmp/stub:$javadir:/usr/bin:/bin" --version
expect launcher-first err '^building evoplan \(first run, about 30 s\)\.\.\.$'
expect launcher-first out '^evoplan [0-9]'
launch launcher-again 0 "$tmp/clone" "$tmp/stub:$javadir:/usr/bin:/bin" --version
[ -s "$tmp/launcher-again.err" ] && { echo "FAIL launcher-again: printed on stderr"; failures=$((failures + 1)); }
sleep 1
touch "$tmp/clone/src/main/Main.java"
nomvn="$tmp/nomvn"
mkdir -p "$nomvn"
for tool in bash dirname find mktemp rm mv cat; do ln -sf "$(command -v "$tool")" "$nomvn/$tool"; done
launch launcher-without-maven 0 "$tmp/clone" "$nomvn:$javadir" --version
expect launcher-without-maven err 'Maven \(mvn\) is not installed: running the jar as built'
expect launcher-without-maven out '^evoplan [0-9]'
cp "$root/evoplan" "$jar" "$tmp/release-folder/"
launch launcher-release-folder 0 "$tmp/release-folder" "$nomvn:$javadir" plan --from "$tmp/work/$v1" --to "$tmp/work/$v2" --quiet
expect launcher-release-folder out '^evoplan plan: DOWNTIME'
[ -s "$tmp/launcher-release-folder.err" ] && { echo "FAIL launcher-release-folder: printed on stderr"; failures=$((failures + 1)); }

# The manifest's Class-Path names every jar mvn package put in target/lib/ (verify --db docker).
classpath="$(unzip -p "$jar" META-INF/MANIFEST.MF | tr -d '\r' | sed -n '/^Class-Path:/,/^[^ ]/p' | sed '/^[A-Z][A-Za-z-]*: /{/^Class-Path:/!d}' | sed 's/^Class-Path: //; s/^ //' | tr -d '\n')"
for lib in "$root"/target/lib/*.jar; do
  case " $classpath " in
    *" lib/$(basename "$lib") "*) ;;
    *) echo "FAIL: the manifest Class-Path does not name lib/$(basename "$lib")"; failures=$((failures + 1)) ;;
  esac
done
echo "jar: $(du -k "$jar" | cut -f1) KiB; lib/: $(du -ck "$root"/target/lib/*.jar 2>/dev/null | tail -1 | cut -f1) KiB"
[ "$failures" = 0 ] && echo "jar alone: all runs as expected" || { echo "jar alone: $failures failure(s)"; exit 1; }
