#!/usr/bin/env bash
# Fuzzes every Jazzer @FuzzTest of marcom-core within a fixed total time budget.
#
#   .ci/fuzz.sh                                   # 300 s in all, start-up included
#   FUZZ_TOTAL_SECONDS=90 .ci/fuzz.sh
#   FUZZ_TARGETS="dev.marcom.session.SessionFuzzTest#maliciousPeer" .ci/fuzz.sh
#   .ci/fuzz.sh --list                            # print the discovered targets, and exit
#
# The targets are discovered, not listed here: every method annotated @FuzzTest in the module's
# test sources (src/test/java), as Class#method. A new fuzz test is fuzzed without editing this
# script; finding none is an error (exit 2), never a silent pass. FuzzScriptTest (marcom-core)
# checks in every build that this discovery matches the compiled @FuzzTest methods.
#
# Each fuzz test runs in its own JVM (Jazzer fuzzes one test per JVM; FUZZ_JOBS of them at once,
# default one per core), with JAZZER_FUZZ=1,
# coverage instrumentation limited to dev.marcom.**, and JAZZER_MAX_DURATION set to its share of
# what is left of the budget (Jazzer's max_duration option overrides @FuzzTest(maxDuration)).
# Tests run through the JUnit launcher directly (.ci/FuzzOne.java) to spare Maven's start-up per
# test. The corpus grows in marcom-core/.cifuzz-corpus/ (git-ignored). Exits 1 if any fuzz test
# finds a crash (or fails otherwise) and prints where the reproducing input was written; 2 if the
# build fails or no fuzz test is found.
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

# Every @FuzzTest method in the test sources, one "package.Class#method" per line, sorted. An
# annotation line (@FuzzTest or @...jazzer.junit.FuzzTest, with or without arguments) marks the
# next method declaration: the first identifier followed by "(" on a later line that is not
# itself an annotation.
discover() {
  find "$ROOT/$MODULE/src/test/java" -name '*.java' -print0 | sort -z | xargs -0 -r awk '
    FNR == 1 {
      pkg = ""; pending = 0
      cls = FILENAME; sub(/.*\//, "", cls); sub(/\.java$/, "", cls)
    }
    /^[[:space:]]*package[[:space:]]/ {
      pkg = $2; sub(/;.*/, "", pkg)
    }
    /^[[:space:]]*@([A-Za-z0-9_]+\.)*FuzzTest([[:space:](]|$)/ {
      pending = 1; next
    }
    pending && !/^[[:space:]]*@/ && match($0, /[A-Za-z_$][A-Za-z0-9_$]*[[:space:]]*\(/) {
      name = substr($0, RSTART, RLENGTH); sub(/[[:space:]]*\($/, "", name)
      print (pkg == "" ? "" : pkg ".") cls "#" name
      pending = 0
    }
  ' | LC_ALL=C sort
}

DISCOVERED=$(discover)
if [[ -z "$DISCOVERED" ]]; then
  echo "fuzz.sh: ERROR: found no @FuzzTest method under $MODULE/src/test/java; nothing would be" \
    "fuzzed (did the sources move, or the annotation change?)" >&2
  exit 2
fi
case "${1:-}" in
  "") ;;
  --list) echo "$DISCOVERED"; exit 0 ;;
  *) echo "usage: .ci/fuzz.sh [--list]" >&2; exit 2 ;;
esac
read -r -a TARGETS <<< "$(echo ${FUZZ_TARGETS:-$DISCOVERED})"
N=${#TARGETS[@]}
if [[ -z "${FUZZ_TARGETS:-}" ]]; then
  # When the budget cannot cover every target (a slow or busy machine), the last ones are
  # skipped. The discovered list therefore starts at a different target each day (UTC), so that
  # over a few runs every target leads; FUZZ_ROTATE=K starts at the K-th (0: discovery order).
  ROTATE=$(( ${FUZZ_ROTATE:-$(( $(date -u +%s) / 86400 ))} % N ))
  TARGETS=("${TARGETS[@]:ROTATE}" "${TARGETS[@]:0:ROTATE}")
fi
echo "fuzz.sh: $N fuzz test(s)$( [[ -n "${FUZZ_TARGETS:-}" ]] && echo ' (FUZZ_TARGETS)' \
  || echo " discovered, in this order (FUZZ_ROTATE=$ROTATE)"): ${TARGETS[*]}"
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
