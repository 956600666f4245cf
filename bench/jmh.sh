#!/usr/bin/env bash
# JMH micro-benchmarks of the hot paths (bench/jmh/): compiled here against target/evoplan.jar,
# outside the Maven build, so the normal build and the test tiers never see JMH.
#   bench/jmh.sh                 # all benchmarks
#   bench/jmh.sh lexAndParse -f 1 -wi 1 -i 3    # JMH's own arguments
# Needs jmh-core, jmh-generator-annprocess 1.37 and their dependencies in ~/.m2 (offline).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
m2="${M2_REPO:-$HOME/.m2/repository}"
jmh=(
  "$m2/org/openjdk/jmh/jmh-core/1.37/jmh-core-1.37.jar"
  "$m2/net/sf/jopt-simple/jopt-simple/5.0.4/jopt-simple-5.0.4.jar"
  "$m2/org/apache/commons/commons-math3/3.6.1/commons-math3-3.6.1.jar"
)
processor="$m2/org/openjdk/jmh/jmh-generator-annprocess/1.37/jmh-generator-annprocess-1.37.jar"
for jar in "${jmh[@]}" "$processor"; do
  [ -f "$jar" ] || { echo "bench/jmh.sh: $jar is missing (mvn dependency:get -Dartifact=...)" >&2; exit 2; }
done
[ -f target/evoplan.jar ] || mvn -B -o -q -Dmaven.test.skip=true package
classes="$root/bench/out/jmh-classes"
rm -rf "$classes"
mkdir -p "$classes"
cp="target/evoplan.jar:$(IFS=:; echo "${jmh[*]}")"
# JMH's annotation processor writes the generated benchmark classes and META-INF/BenchmarkList.
javac -d "$classes" -cp "$cp" -processorpath "$processor:${jmh[0]}" $(find bench/jmh -name '*.java')
exec java -XX:+UseSerialGC -cp "$classes:$cp" org.openjdk.jmh.Main "$@"
