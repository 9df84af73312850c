#!/bin/sh
# SPDX-License-Identifier: MIT
# Prints the time every second.
while :; do
    date '+%H:%M:%S'
    sleep 1
done
