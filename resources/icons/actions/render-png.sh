#!/bin/sh
# SPDX-License-Identifier: MIT
# Renders the toolbar icons (*.svg, 24x24 viewBox) to <name>.png (24 px) and <name>-48.png
# (48 px), embedded as :/icons/actions/. Qt renders no SVG without the optional Qt SVG module, so
# the PNGs are committed; run this again (needs rsvg-convert from librsvg2-bin) after an edit.
# With --sheet FILE it also writes a contact sheet on light and dark backgrounds (needs
# ImageMagick's montage), to look at them.
set -eu
cd "$(dirname "$0")"
for svg in *.svg; do
    name=${svg%.svg}
    rsvg-convert --width 24 --height 24 "$svg" > "$name.png"
    rsvg-convert --width 48 --height 48 "$svg" > "$name-48.png"
done
if [ "${1-}" = --sheet ]; then
    for background in '#f4f4f4' '#2b2b2b'; do
        montage -background "$background" -geometry +6+6 -tile 16x *-48.png \
            "${2}.$(echo "$background" | tr -d '#').png"
        montage -background "$background" -geometry +6+6 -tile 16x \
            $(ls *.png | grep -v -- -48) "${2}.small-$(echo "$background" | tr -d '#').png"
    done
    montage "${2}".*.png -tile 1x -geometry +0+0 "$2"
    rm -f "${2}".*.png
fi
