#!/bin/sh
# SPDX-License-Identifier: MIT
# Starts three children, each a shell printing in a loop, then waits for them: the monitor's list
# shows them (and their sleeps) as descendants of the spawner.
for child in 1 2 3; do
    sh -c 'while :; do echo "child $1 (pid $$): tick"; sleep "$1"; done' child "$child" &
done
echo "spawner (pid $$): started three children; waiting"
wait
