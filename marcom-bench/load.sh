#!/usr/bin/env bash
# Load harness: N concurrent authenticated sessions on one non-blocking MarcomServer over real
# loopback sockets, M of them exchanging signed messages for S seconds; writes
# marcom-bench/target/load/report.json.
#
#   marcom-bench/load.sh [--sessions N] [--active M] [--seconds S] [--interval-ms I]
#                        [--slowloris K] [--slowloris-interval-ms J] [--client-ips C]
#
# Defaults: 1000 sessions, 100 active, 10 s, each active session sends a message every 4000 ms
# (a closed loop: the next one after the echo came back). The server runs in its own JVM
# (SerialGC, 1 GiB heap) started by the driver; heap_per_idle_session_bytes is measured there
# (bytes of live objects in class histograms, with N sessions idle for 20 s — past the keep-alive
# interval, so each has sent and answered a PING —, minus the baseline, divided by N;
# --idle-wait-s changes the wait) and the live-object histogram is written beside the report. Clients bind
# to 127.0.0.2 ... 127.0.0.(C+1) (default C = 4) so ephemeral ports never run short.
# --slowloris K adds K connections that send one byte every J ms (default 5000) during the active
# phase, and probes one fresh handshake per second (report.json: "slowloris").
# --server-mode threads|vthreads serves the same echo with the blocking SecureChannel on one
# platform or virtual thread per connection (keep-alive off), for comparison; vthreads needs
# --server-java /usr/lib/jvm/temurin-25-jdk-amd64/bin/java (JDK 21+).
#
# The full-size run (about 3 minutes on 2 quiet cores):
#   marcom-bench/load.sh --sessions 10000 --active 1000 --seconds 60
#
# Builds target/benchmarks.jar first if it is missing (mvn package -DskipTests).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
jar="$here/target/benchmarks.jar"
out="$here/target/load"
args=()
sessions=1000
slow=0
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) sed -n '2,/^set -e/p' "$0" | grep '^#'; exit 0 ;;
    --sessions) sessions="$2"; args+=("$1" "$2"); shift ;;
    --slowloris) slow="$2"; args+=("$1" "$2"); shift ;;
    --active|--seconds|--interval-ms|--slowloris-interval-ms|--client-ips|--server-mode|--server-java|--idle-wait-s) args+=("$1" "$2"); shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done

# Each JVM holds one socket per session (plus the slow ones): raise the soft limit of open files
# to the hard limit, and say so if that is still too low.
need=$(( sessions + slow + 1000 ))
hard=$(ulimit -Hn)
if [ "$hard" != unlimited ] && [ "$hard" -lt "$need" ]; then
  echo "load.sh: ulimit -Hn is $hard; $need open files are needed per JVM (raise the hard limit)" >&2
  exit 1
fi
ulimit -Sn "$hard" 2>/dev/null || true
echo "load.sh: open files limit $(ulimit -n) (need $need per JVM); ephemeral ports $(cat /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null | tr '\t' '-')"

if [ ! -f "$jar" ]; then
  (cd "$root" && ./mvnw -B -q -pl marcom-bench -am package -DskipTests)
fi
mkdir -p "$out"
java -XX:+UseSerialGC -Xms1g -Xmx1g -cp "$jar" dev.marcom.bench.load.LoadDriver \
  "${args[@]}" --out "$out/report.json"
