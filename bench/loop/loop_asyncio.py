# SPDX-License-Identifier: MIT
"""asyncio's loop, the same measurements as loop_aproc.cpp (default event loop, no uvloop).

  --mode callsoon         schedule N callbacks with call_soon, then run them (callbacks/s)
  --mode chain            N callbacks, each scheduling the next with call_soon (callbacks/s)
  --mode coroutine-chain  a task awaiting N futures, each completed by call_soon (awaits/s)
  --mode done-future      `await fut` of an already-done future (ns per await)
"""
import argparse
import asyncio
import json
import sys
import time


def callsoon(loop, count):
    done = loop.create_future()
    ran = 0

    def callback():
        nonlocal ran
        ran += 1
        if ran == count:
            done.set_result(None)

    start = time.perf_counter()
    for _ in range(count):
        loop.call_soon(callback)
    loop.run_until_complete(done)
    seconds = time.perf_counter() - start
    check(ran == count, "not every callback ran")
    return count / seconds


def chain(loop, count):
    done = loop.create_future()
    ran = 0

    def link():
        nonlocal ran
        ran += 1
        if ran < count:
            loop.call_soon(link)
        else:
            done.set_result(None)

    start = time.perf_counter()
    loop.call_soon(link)
    loop.run_until_complete(done)
    seconds = time.perf_counter() - start
    check(ran == count, "the chain broke")
    return count / seconds


async def await_chain(loop, count):
    total = 0
    for i in range(count):
        future = loop.create_future()
        loop.call_soon(future.set_result, i)
        total += await future
    return total


def coroutine_chain(loop, count):
    start = time.perf_counter()
    total = loop.run_until_complete(await_chain(loop, count))
    seconds = time.perf_counter() - start
    check(total == count * (count - 1) // 2, "wrong sum of awaited values")
    return count / seconds


async def await_done(loop, count):
    future = loop.create_future()
    future.set_result(1)
    total = 0
    start = time.perf_counter()
    for _ in range(count):
        total += await future
    seconds = time.perf_counter() - start
    check(total == count, "wrong sum of awaited values")
    return seconds * 1e9 / count


def done_future(loop, count):
    return loop.run_until_complete(await_done(loop, count))


def check(condition, what):
    if not condition:
        print("FAILED: " + what, file=sys.stderr)
        sys.exit(1)


MODES = {
    "callsoon": callsoon,
    "chain": chain,
    "coroutine-chain": coroutine_chain,
    "done-future": done_future,
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mode", required=True, choices=sorted(MODES))
    parser.add_argument("--count", type=int, default=1_000_000)
    args = parser.parse_args()
    loop = asyncio.new_event_loop()
    try:
        value = MODES[args.mode](loop, args.count)
    finally:
        loop.close()
    print(json.dumps({"value": value}))


if __name__ == "__main__":
    main()
