#!/usr/bin/env bash
# Long coverage-guided run of one Jazzer @FuzzTest, outside JUnit's time box (secc-app/README-bench.md, "Fuzzing").
#   bench/fuzz-long.sh MODULE CLASS METHOD [RUNS] [SECONDS] [LIBFUZZER-FLAG ...]
#   bench/fuzz-long.sh exi-codec org.secc.exi.fuzz.ExiDecodeFuzzTest dc 10000000 3600
#   bench/fuzz-long.sh bench org.secc.app.bench.SessionFuzzTest session 10000000 28800 -fork=2   (one worker per core)
# Builds MODULE and what it needs from this tree (no install), then runs the target with libFuzzer until
# RUNS executions or SECONDS, whichever comes first. The corpus grows in MODULE/.cifuzz-corpus/CLASS/METHOD
# (not committed); a finding is written to MODULE/src/test/resources/<package>/<Class>Inputs/METHOD/, where the
# normal build replays it from then on. Ends with libFuzzer's "Done N runs in S second(s)" line; exit 0 = no finding.
set -euo pipefail
[ $# -ge 3 ] || { echo "usage: $0 MODULE CLASS METHOD [RUNS] [SECONDS]" >&2; exit 2; }
module=$1 class=$2 method=$3 runs=${4:-10000000} seconds=${5:-3600}
shift $(( $# < 5 ? $# : 5 ))
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
cpfile=$(mktemp)
trap 'rm -f "$cpfile"' EXIT
# one reactor run: compiled in it, the module's sibling modules resolve to their target/ directories, so a
# fresh machine needs no `mvn install` (alone, build-classpath looked for them in the local repository).
# Every module of the run writes the file; MODULE comes last, so its class path is what stays.
mvn -B -ntp -o -q -pl "$module" -am test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cpfile" >/dev/null
# the reactor's own modules from this tree, not SNAPSHOTs a local repository may hold
cp=$(sed -E -e "s#[^:]*/org/secc/([a-z0-9-]+)/[^/:]+/[a-z0-9-]+-[^/:]*SNAPSHOT-tests\.jar#$root/\1/target/test-classes#g" \
  -e "s#[^:]*/org/secc/([a-z0-9-]+)/[^/:]+/[a-z0-9-]+-[^/:]*SNAPSHOT\.jar#$root/\1/target/classes#g" "$cpfile")
cp="$root/$module/target/test-classes:$root/$module/target/classes:$cp"
corpus="$root/$module/.cifuzz-corpus/$class/$method"
pkgdir=$(echo "${class%.*}" | tr . /)
seeds="$root/$module/src/test/resources/$pkgdir/${class##*.}Inputs/$method"
mkdir -p "$corpus" "$seeds"
cd "$root/$module"
# the simulated HAL (org.secc.hal.sim) is the bench's physics, not code under test: left uninstrumented, its
# per-millisecond steps carry no coverage hooks (the session target: same invariants, 7 % less CPU per input)
# biased locking (JDK 17; ignored where it is gone): the target runs on one thread, and the simulated bench's
# synchronized 1 ms steps were most of the session target's time (it runs 1.6 times as fast with it)
exec java -Xmx1g -XX:+UseSerialGC -XX:+IgnoreUnrecognizedVMOptions -XX:+UseBiasedLocking -cp "$cp" com.code_intelligence.jazzer.Jazzer \
  --target_class="$class" --target_method="$method" --instrumentation_includes='org.secc.**' \
  --instrumentation_excludes='org.secc.hal.sim.**' \
  --reproducer_path="$root/$module/target" \
  -runs="$runs" -max_total_time="$seconds" -timeout=60 -rss_limit_mb=2048 \
  -artifact_prefix="$seeds/" -print_final_stats=1 "$@" "$corpus" "$seeds"
