#!/usr/bin/env bash
# Fuzzes every Jazzer @FuzzTest of marcom-core within a fixed total time budget.
#
#   .ci/fuzz.sh                                   # 300 s in all, start-up included
#   FUZZ_TOTAL_SECONDS=90 .ci/fuzz.sh
#   FUZZ_TARGETS="dev.marcom.session.SessionFuzzTest#maliciousPeer" .ci/fuzz.sh
#
# Each fuzz test runs in its own JVM (Jazzer fuzzes one test per JVM; FUZZ_JOBS of them at once,
# default one per core), with JAZZER_FUZZ=1,
# coverage instrumentation limited to dev.marcom.**, and JAZZER_MAX_DURATION set to its share of
# what is left of the budget (Jazzer's max_duration option overrides @FuzzTest(maxDuration)).
# Tests run through the JUnit launcher directly (.ci/FuzzOne.java) to spare Maven's start-up per
# test. The corpus grows in marcom-core/.cifuzz-corpus/ (git-ignored). Exits 1 if any fuzz test
# finds a crash (or fails otherwise) and prints where the reproducing input was written; 2 if the
# build fails.
set -uo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
MODULE=marcom-core
MVN=${MVN:-"$ROOT/mvnw"}
TOTAL=${FUZZ_TOTAL_SECONDS:-300}
# Expected seconds per test outside fuzzing (JVM, Jazzer's agent and hooks, fixtures); refined
# from what the tests actually take.
OVERHEAD=${FUZZ_OVERHEAD_SECONDS:-20}
MIN_FUZZ=3
# Fuzz tests run side by side, one per core by default.
JOBS=${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 1)}

DEFAULT_TARGETS="
dev.marcom.session.SessionFuzzTest#maliciousPeer
dev.marcom.handshake.HandshakeFuzzTest#receiveInEveryState
dev.marcom.session.SessionFuzzTest#tamperedRecords
dev.marcom.session.SessionFuzzTest#openArbitraryBytes
dev.marcom.handshake.HandshakeFuzzTest#parsers
dev.marcom.transport.StreamFrameChannelFuzzTest#readFrames
dev.marcom.session.SessionFuzzTest#sealOpenRoundTrip
dev.marcom.session.SessionFuzzTest#truncatedStream
dev.marcom.handshake.HandshakeFuzzTest#singleBitFlip
dev.marcom.internal.wire.FramesFuzzTest#check
dev.marcom.internal.wire.FramesFuzzTest#wireReader
"
read -r -a TARGETS <<< "$(echo ${FUZZ_TARGETS:-$DEFAULT_TARGETS})"
N=${#TARGETS[@]}
START=$SECONDS

echo "fuzz.sh: compiling $MODULE and resolving its test class path"
if ! "$MVN" -B -q -pl "$MODULE" test-compile \
    org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$ROOT/$MODULE/target/fuzz-classpath.txt"; then
  echo "fuzz.sh: build failed" >&2
  exit 2
fi
cd "$MODULE" || exit 2
CP="target/test-classes:target/classes:$(cat target/fuzz-classpath.txt)"
if ! javac -d target/fuzz-launcher -cp "$CP" "$ROOT/.ci/FuzzOne.java"; then
  echo "fuzz.sh: could not compile .ci/FuzzOne.java" >&2
  exit 2
fi

STAMP=$(mktemp)
LOGDIR="$ROOT/$MODULE/target/fuzz-logs"
mkdir -p "$LOGDIR"
failed=()
skipped=()
spent_overhead=0
ran=0
i=0
# Targets run in batches of JOBS at once (Jazzer's fuzzing loop is single-threaded).
while (( i < N )); do
  batch=("${TARGETS[@]:i:JOBS}")
  batches_left=$(( (N - i + JOBS - 1) / JOBS ))
  remaining=$(( TOTAL - (SECONDS - START) ))
  est=$(( ran > 0 ? (spent_overhead + ran - 1) / ran : OVERHEAD ))
  fuzz=$(( remaining / batches_left - est ))
  if (( fuzz < MIN_FUZZ )); then
    if (( remaining < est + MIN_FUZZ )); then
      for t in "${TARGETS[@]:i}"; do
        skipped+=("$t")
        echo "fuzz.sh: ---- $t: skipped, the ${TOTAL}s budget is used up"
      done
      break
    fi
    fuzz=$MIN_FUZZ
  fi
  began=$SECONDS
  pids=()
  for t in "${batch[@]}"; do
    echo "fuzz.sh: ---- $t (${fuzz}s of fuzzing)"
    JAZZER_FUZZ=1 \
    JAZZER_MAX_DURATION="${fuzz}s" \
    JAZZER_INSTRUMENTATION_INCLUDES='dev.marcom.**' \
      timeout --kill-after=10 $(( fuzz + 3 * est + 60 )) \
      java -cp "target/fuzz-launcher:$CP" FuzzOne "$t" > "$LOGDIR/${t##*.}.log" 2>&1 &
    pids+=($!)
  done
  for k in "${!batch[@]}"; do
    t=${batch[$k]}
    log="$LOGDIR/${t##*.}.log"
    wait "${pids[$k]}"
    rc=$?
    # libFuzzer's closing line, e.g. "Done 12345 runs in 30 second(s)".
    grep -E '^Done [0-9]+ runs' "$log" | tail -n 1 | sed "s/^/fuzz.sh:   ${t##*.}: /"
    if (( rc != 0 )); then
      failed+=("$t")
      echo "fuzz.sh:   ${t##*.}: FAILED (exit $rc), full log: $log" >&2
      grep -E -m 30 '== Java Exception|Caused by|FuzzTestFindingException|Test unit written|FuzzOne:' \
        "$log" | sed 's/^/fuzz.sh:   /' >&2
    fi
  done
  took=$(( SECONDS - began ))
  ran=$(( ran + ${#batch[@]} ))
  spent_overhead=$(( spent_overhead + ${#batch[@]} * (took > fuzz ? took - fuzz : 0) ))
  echo "fuzz.sh:   (batch took ${took}s)"
  i=$(( i + JOBS ))
done
echo "fuzz.sh: $ran of $N fuzz tests ran, in $(( SECONDS - START ))s (budget ${TOTAL}s)"

crashes=$(find . -name 'crash-*' -newer "$STAMP" -not -path './.cifuzz-corpus/*' -print)
rm -f "$STAMP"
if [[ -n "$crashes" ]]; then
  echo "fuzz.sh: reproducing inputs of the findings (under $MODULE/):" >&2
  echo "$crashes" | sed 's#^\./#fuzz.sh:   #' >&2
  cat >&2 <<'HOW'
fuzz.sh: Jazzer wrote each one into the test's inputs directory,
fuzz.sh: src/test/resources/<package>/<TestClass>Inputs/<method>/, where a plain 'mvn test'
fuzz.sh: replays it. crash-* files are git-ignored: to keep one as a regression input, rename it
fuzz.sh: without the 'crash-' prefix and commit it with the fix.
HOW
fi
if (( ${#skipped[@]} > 0 )); then
  echo "fuzz.sh: skipped for lack of time: ${skipped[*]}"
fi
if (( ${#failed[@]} > 0 )); then
  echo "fuzz.sh: ${#failed[@]} fuzz test(s) failed: ${failed[*]}" >&2
  exit 1
fi
echo "fuzz.sh: no findings"
