#!/usr/bin/env bash
# Makes the README screenshot (docs/images/swing-two-windows.png) from a real run of the desktop
# app: two app processes under Xvfb, Alice's server and Bob's client, each with a new identity in
# its own home (/home/alice/.marcom, /home/bob/.marcom). They create their identities through the
# passphrase dialog, handshake over loopback, Bob accepts the first-contact dialog, both confirm
# the safety number with Verify…, and each sends one message (see ScreenshotActor).
#
# /home/alice and /home/bob exist only inside a private mount and network namespace (unshare), so
# the machine's /home and ports are not touched; without unshare the homes go to a temporary
# directory instead. Needs xvfb-run, ImageMagick (import, convert). Not part of the build.
#
# Usage: marcom-demo-swing/screenshot.sh [output.png]
set -euo pipefail
cd "$(dirname "$0")/.."
here=$PWD
script=marcom-demo-swing/screenshot.sh
width=960 height=640 gap=12 port=30000

case "${1:-}" in
  --in-namespace) # $2: output; $3: directory holding alice/ and bob/ (empty: /home, fresh)
    if [ -z "$3" ]; then
      mount -t tmpfs tmpfs /home
      ip link set lo up
    fi
    exec xvfb-run -a -s "-screen 0 $((2 * width + gap))x${height}x24" \
      bash "$script" --on-display "$2" "${3:-/home}"
    ;;
  --on-display) # $2: output; $3: directory holding alice/ and bob/
    cp="marcom-demo-swing/target/test-classes:marcom-demo-swing/target/marcom-swing.jar"
    logs=marcom-demo-swing/target/screenshot
    mkdir -p "$logs" "$3/alice" "$3/bob"
    actor() { # $1: name; $2: role; $3: directory of the homes; $4: x
      HOME="$3/$1" MARCOM_HOME= java -Duser.home="$3/$1" -cp "$cp" dev.marcom.swing.ScreenshotActor \
        "$2" "$port" "$4" 0 "$width" "$height" > "$logs/$1.log" 2>&1 &
    }
    wait_for() { # $1: log; $2: line
      for _ in $(seq 600); do
        grep -qx "$2" "$1" && return 0
        sleep 0.1
      done
      echo "timed out waiting for $2 in $1:"; cat "$1"; return 1
    }
    pids=()
    trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
    actor alice server "$3" 0; pids+=($!)
    wait_for "$logs/alice.log" LISTENING
    actor bob client "$3" $((width + gap)); pids+=($!)
    wait_for "$logs/alice.log" READY
    wait_for "$logs/bob.log" READY
    import -window root "$logs/raw.png"
    convert "$logs/raw.png" -strip -define png:compression-level=9 "$2" # no timestamps
    echo "wrote $2 ($(du -k "$2" | cut -f1) KB)"
    ;;
  *)
    out=$(realpath -m "${1:-docs/images/swing-two-windows.png}")
    ./mvnw -B -q -pl marcom-demo-swing -am package -DskipTests # also compiles ScreenshotActor
    if command -v ip >/dev/null && unshare --user --map-root-user --mount --net true 2>/dev/null; then
      exec unshare --user --map-root-user --mount --net bash "$script" --in-namespace "$out" ""
    fi
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    echo "unshare is not available: identity homes in $tmp"
    bash "$script" --in-namespace "$out" "$tmp"
    ;;
esac
