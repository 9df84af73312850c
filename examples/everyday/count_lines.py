#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Counts the lines of each everyday job in main.cpp and everyday.py: the non-blank lines from
a job's "job:" comment (not counted) to the next blank line; and, in brackets, the C++ lines
that are more than a lone brace (clang-format puts a function's braces on lines of their own,
where Python has none)."""
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def jobs(path, marker):
    counts, braces, current = {}, {}, None
    for line in path.read_text().splitlines():
        found = re.match(rf"^{re.escape(marker)} job: (.*)$", line)
        if found:
            current = found.group(1)
            counts[current] = 0
            braces[current] = 0
        elif not line.strip():
            current = None
        elif current:
            counts[current] += 1
            braces[current] += line.strip() in ("{", "}", "};", "});")
    return counts, braces


def main():
    cpp, braces = jobs(HERE / "main.cpp", "//")
    python, _ = jobs(HERE / "everyday.py", "#")
    if set(cpp) != set(python):
        sys.exit(f"the jobs differ: {sorted(cpp)} against {sorted(python)}")
    for job in cpp:
        code = cpp[job] - braces[job]
        print(f"{job:40} C++ {cpp[job]:3} ({code:3})   asyncio {python[job]:3}")
    total, code = sum(cpp.values()), sum(cpp.values()) - sum(braces.values())
    print(f"{'total':40} C++ {total:3} ({code:3})   asyncio {sum(python.values()):3}")


main()
