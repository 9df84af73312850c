#!/bin/sh
# SPDX-License-Identifier: MIT
# A coloured log printer: INFO, WARN and ERROR lines in ANSI SGR colours, about two a second.
esc=$(printf '\033')
reset="${esc}[0m"
n=0
while :; do
    n=$((n + 1))
    now=$(date '+%H:%M:%S')
    case $((n % 7)) in
        3) printf '%s %s[1;33mWARN %s  disk usage at %s%%\n' "$now" "$esc" "$reset" $((60 + n % 40)) ;;
        6) printf '%s %s[1;31mERROR%s  request %s failed: %s[1mtimeout%s\n' \
            "$now" "$esc" "$reset" "$n" "$esc" "$reset" ;;
        *) printf '%s %s[32mINFO %s  handled request %s[36m#%s%s\n' \
            "$now" "$esc" "$reset" "$esc" "$n" "$reset" ;;
    esac
    sleep 0.5
done
