#!/bin/sh
# SPDX-License-Identifier: MIT
# Answers each line read from stdin; ends at end of input.
echo "Type a line and send it."
while IFS= read -r line; do
    printf 'you said: %s\n' "$line"
done
echo "End of input: bye."
