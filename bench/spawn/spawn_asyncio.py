# SPDX-License-Identifier: MIT
"""spawn, asyncio: create_subprocess_exec('/bin/true') then wait(), in sequence."""
import argparse
import asyncio
import json
import sys
import time


async def spawn_all(count):
    failures = 0
    for _ in range(count):
        process = await asyncio.create_subprocess_exec('/bin/true')
        failures += await process.wait() != 0
    return failures


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--count', type=int, default=2000)
    args = parser.parse_args()
    begin = time.perf_counter()
    failures = asyncio.run(spawn_all(args.count))
    elapsed = time.perf_counter() - begin
    if failures:
        print(f'{failures} children failed', file=sys.stderr)
        sys.exit(1)
    print(json.dumps({'value': round(args.count / elapsed, 1)}))


if __name__ == '__main__':
    main()
