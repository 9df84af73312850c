# SPDX-License-Identifier: MIT
"""Lines, asyncio: `seq COUNT` read with StreamReader.readline() until EOF."""
import argparse
import asyncio
import json
import sys
import time


async def count_lines(count):
    process = await asyncio.create_subprocess_exec(
        "seq", str(count), stdout=asyncio.subprocess.PIPE)
    lines = 0
    while True:
        line = await process.stdout.readline()
        if not line:
            break
        lines += 1
    return lines, await process.wait()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=10_000_000)
    args = parser.parse_args()
    start = time.perf_counter()
    lines, code = asyncio.run(count_lines(args.count))
    seconds = time.perf_counter() - start
    if lines != args.count or code != 0:
        print(f"counted {lines} of {args.count} lines, exit {code}", file=sys.stderr)
        return 1
    print(json.dumps({"value": round(lines / seconds / 1e6, 4)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
