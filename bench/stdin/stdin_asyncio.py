# SPDX-License-Identifier: MIT
"""Stdin, asyncio: BYTES into `cat` (stdout on /dev/null), write() + drain() per CHUNK."""
import argparse
import asyncio
import json
import sys
import time


async def feed(size, chunk):
    process = await asyncio.create_subprocess_exec(
        "cat", stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.DEVNULL)
    block = bytes(chunk)
    written = 0
    while written < size:
        piece = block if size - written >= chunk else block[:size - written]
        process.stdin.write(piece)
        await process.stdin.drain()
        written += len(piece)
    process.stdin.close()
    await process.stdin.wait_closed()
    return await process.wait()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bytes", type=int, default=1 << 30)
    parser.add_argument("--chunk", type=int, default=1 << 20)
    args = parser.parse_args()
    start = time.perf_counter()
    code = asyncio.run(feed(args.bytes, args.chunk))
    seconds = time.perf_counter() - start
    if code != 0:
        print(f"cat exited with {code}", file=sys.stderr)
        return 1
    print(json.dumps({"value": round(args.bytes / seconds / 1e9, 4)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
