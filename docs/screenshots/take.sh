#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Takes the screenshots in docs/screenshots/ of the real aproc-monitor window under Xvfb:
#   main-window.png      the demo session running, a coloured console
#   launch-dialog.png    File > Launch… (Ctrl+N)
#   signal-menu.png      Process > Send Signal… (Ctrl+Shift+K) on the selected process
#   main-window-ko.png   the same window with LANG=ko_KR.UTF-8
#   launch-dialog-ko.png the launch dialog in Korean, with a command that has no closing quote
# Installs what it needs when missing (Debian: xvfb x11-utils x11-xserver-utils imagemagick
# xdotool fonts-noto-cjk, as root or with sudo).
# Usage: docs/screenshots/take.sh [BUILD_DIR]   (default: build)
set -euo pipefail
cd "$(dirname "$0")/../.."

packages=(xvfb x11-utils x11-xserver-utils imagemagick xdotool fonts-noto-cjk)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
monitor=${1:-build}/gui/aproc-monitor
out=docs/screenshots
display=:97
[ -x "$monitor" ] || { echo "no $monitor: build first (./dev.sh test)" >&2; exit 1; }

Xvfb "$display" -screen 0 1400x900x24 -nolisten tcp -noreset &
xvfb=$!
config=$(mktemp -d)
trap 'kill $xvfb 2>/dev/null; rm -rf "$config"' EXIT
export DISPLAY=$display QT_QPA_PLATFORM=xcb XDG_CONFIG_HOME=$config
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
xset r off # Xvfb's key autorepeat turns xdotool's typing into "nnnnnpig"

# The window id of the monitor's main window, once mapped.
main_window() {
    for _ in $(seq 100); do
        id=$(xdotool search --onlyvisible --name '^Aproc' 2>/dev/null | head -1) || true
        [ -n "$id" ] && { echo "$id"; return; }
        sleep 0.1
    done
    echo "the main window never appeared" >&2
    return 1
}

shot() { # shot FILE: the whole screen, cropped to what the windows cover
    import -window root -trim +repage "$out/$1"
    echo "wrote $out/$1"
}

run_demo() { # run_demo LANG: starts the demo session, lets it print for a while
    LANG=$1 LC_ALL=$1 "$monitor" --demo &
    monitor_pid=$!
    window=$(main_window)
    xdotool windowsize "$window" 1280 800 windowmove "$window" 0 0
    sleep 6 # the clock ticks, the log printer prints, the flaky one fails and restarts
}

quit_monitor() { # as Ctrl+Q would: SIGTERM makes the monitor close its window and stop its children
    kill -TERM "$monitor_pid"
    wait "$monitor_pid" || true
}

select_colours() { # select_colours Y: a click on the second row (at Y: fonts differ), the
    # coloured log printer, to show its console
    xdotool windowfocus "$window"
    xdotool mousemove --window "$window" 60 "$1" click 1
    sleep 1
}

run_demo C.UTF-8
select_colours 149
shot main-window.png

xdotool key ctrl+shift+k
sleep 1
shot signal-menu.png
xdotool key Escape

xdotool key ctrl+n
sleep 1
# no window manager gives the dialog the focus: a click in its command field (the newest window
# of the monitor is the dialog)
dialog=$(xdotool search --onlyvisible --pid "$monitor_pid" | tail -1)
xdotool mousemove --window "$dialog" 250 20 click 1
xdotool type --delay 20 'ping -c 3 localhost'
sleep 0.5
shot launch-dialog.png
quit_monitor

run_demo ko_KR.UTF-8
select_colours 169
shot main-window-ko.png

# The launch dialog in Korean, with a command the library cannot split: its error and Qt's own
# buttons are Korean too.
xdotool key ctrl+n
sleep 1
dialog=$(xdotool search --onlyvisible --pid "$monitor_pid" | tail -1)
xdotool mousemove --window "$dialog" 250 20 click 1
xdotool type --delay 20 'echo "unclosed'
sleep 0.5
shot launch-dialog-ko.png
quit_monitor
