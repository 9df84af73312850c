#!/bin/sh
# SPDX-License-Identifier: MIT
# A service that fails: prints a few lines, then exits with status 3 after about 4 s.
echo "flaky: starting (pid $$)"
for step in 1 2 3 4; do
    sleep 1
    echo "flaky: working, step $step of 4"
done
echo "flaky: giving up with exit status 3" >&2
exit 3
