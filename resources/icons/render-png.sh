#!/bin/sh
# SPDX-License-Identifier: MIT
# Renders aproc-monitor.svg to the PNG sizes embedded as the window icon and installed into the
# hicolor theme. Qt renders no SVG without the optional Qt SVG module, so the PNGs are committed;
# run this again (needs rsvg-convert from librsvg2-bin) whenever the SVG changes.
set -eu
cd "$(dirname "$0")"
for size in 16 24 32 48 64 128 256; do
    rsvg-convert --width "$size" --height "$size" aproc-monitor.svg > "aproc-monitor-$size.png"
done
