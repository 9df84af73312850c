# SPDX-License-Identifier: MIT
"""Throughput, asyncio: `head -c BYTES /dev/zero` read with StreamReader.read(65536)."""
import argparse
import asyncio
import json
import sys
import time


async def read_all(size):
    process = await asyncio.create_subprocess_exec(
        "head", "-c", str(size), "/dev/zero", stdout=asyncio.subprocess.PIPE)
    total = 0
    while True:
        chunk = await process.stdout.read(65536)
        if not chunk:
            break
        total += len(chunk)
    return total, await process.wait()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bytes", type=int, default=1 << 30)
    args = parser.parse_args()
    start = time.perf_counter()
    total, code = asyncio.run(read_all(args.bytes))
    seconds = time.perf_counter() - start
    if total != args.bytes or code != 0:
        print(f"read {total} of {args.bytes} bytes, exit {code}", file=sys.stderr)
        return 1
    print(json.dumps({"value": round(total / seconds / 1e9, 4)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
