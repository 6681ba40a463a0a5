#!/usr/bin/env bash
# Builds the desktop demo's self-contained app image (jpackage + jlink) with the newest JDK on
# this machine that has jpackage; Maven itself runs on the default JDK.
#
#   marcom-demo-swing/app-image.sh [MAVEN ARGS...]   # -> marcom-demo-swing/target/app/MARCOM
#   marcom-demo-swing/app-image.sh --print-jdk       # only print the JDK it would use
#   JPACKAGE_JDK=/path/to/jdk marcom-demo-swing/app-image.sh
#
# Candidates: $JAVA_HOME, the JDKs of `jpackage` and `java` on the PATH, /usr/lib/jvm/*, /opt/*
# and /opt/*/*; the highest JAVA_VERSION (from the JDK's `release` file) that has bin/jpackage
# wins. Exits 3 when there is none. Extra arguments go to Maven (e.g. -o).
set -euo pipefail
cd "$(dirname "$0")/.."

version_of() { # $1: JDK home; prints its version (e.g. 25.0.3) or nothing
  local v=""
  [ -f "$1/release" ] && v=$(sed -nE 's/^JAVA_VERSION="([^"]*)".*/\1/p' "$1/release")
  [ -n "$v" ] || v=$("$1/bin/jpackage" --version 2>/dev/null | head -n 1 || true)
  echo "$v"
}

newest_jdk() {
  local c d v best="" best_v=""
  local from_path=()
  for tool in jpackage java; do
    c=$(command -v "$tool" 2>/dev/null) && from_path+=("$(dirname "$(dirname "$(readlink -f "$c")")")")
  done
  for c in ${JAVA_HOME:+"$JAVA_HOME"} ${from_path[@]+"${from_path[@]}"} /usr/lib/jvm/* /opt/* /opt/*/*; do
    [ -x "$c/bin/jpackage" ] || continue
    d=$(readlink -f "$c")
    v=$(version_of "$d")
    [ -n "$v" ] || continue
    if [ -z "$best" ] || [ "$(printf '%s\n%s\n' "$best_v" "$v" | sort -V | tail -n 1)" != "$best_v" ]; then
      best=$d best_v=$v
    fi
  done
  [ -n "$best" ] && echo "$best"
}

jdk=${JPACKAGE_JDK:-$(newest_jdk || true)}
if [ -z "$jdk" ] || [ ! -x "$jdk/bin/jpackage" ]; then
  echo "app-image.sh: no JDK with bin/jpackage found${JPACKAGE_JDK:+ at JPACKAGE_JDK=$JPACKAGE_JDK}" >&2
  exit 3
fi
if [ "${1:-}" = --print-jdk ]; then
  echo "$jdk"
  exit 0
fi

echo "app-image.sh: jpackage from $jdk ($(version_of "$jdk"))"
rm -rf marcom-demo-swing/target/app
./mvnw -B -q -Papp-image -Djpackage.jdk="$jdk" -pl marcom-demo-swing -am package -DskipTests "$@"
echo "app-image.sh: built marcom-demo-swing/target/app/MARCOM"
