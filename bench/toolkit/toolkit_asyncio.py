# SPDX-License-Identifier: MIT
"""asyncio's toolkit, the same measurements as toolkit_aproc.cpp (default event loop, no uvloop).

  --mode taskgroup            a TaskGroup creates N trivial tasks and waits for them (tasks/s)
  --mode semaphore            one task does `async with sem:` N times on a free Semaphore (ops/s)
  --mode semaphore-contended  K workers share a Semaphore(2), each holding it across one
                              `await asyncio.sleep(0)`, N acquisitions in all (ops/s)
  --mode queue                a producer puts N items into a Queue(maxsize=64), a consumer gets
                              them (items/s)
"""
import argparse
import asyncio
import json
import sys
import time


async def trivial(ran):
    ran[0] += 1


async def taskgroup(count, workers):
    ran = [0]
    async with asyncio.TaskGroup() as group:
        for _ in range(count):
            group.create_task(trivial(ran))
    return ran[0]


async def semaphore(count, workers):
    sem = asyncio.Semaphore(1)
    held = 0
    for _ in range(count):
        async with sem:
            held += 1
    return held


async def contended_worker(sem, rounds, held):
    for _ in range(rounds):
        async with sem:
            held[0] += 1
            await asyncio.sleep(0)


async def semaphore_contended(count, workers):
    sem = asyncio.Semaphore(2)
    held = [0]
    rounds = count // workers
    async with asyncio.TaskGroup() as group:
        for _ in range(workers):
            group.create_task(contended_worker(sem, rounds, held))
    return held[0] if held[0] == rounds * workers else -1


async def produce(queue, count):
    for i in range(count):
        await queue.put(i)


async def consume(queue, count, total):
    for _ in range(count):
        total[0] += await queue.get()


async def queue_run(count, workers):
    queue = asyncio.Queue(maxsize=64)
    total = [0]
    async with asyncio.TaskGroup() as group:
        group.create_task(consume(queue, count, total))
        group.create_task(produce(queue, count))
    return count if total[0] == count * (count - 1) // 2 else -1


MODES = {
    "taskgroup": taskgroup,
    "semaphore": semaphore,
    "semaphore-contended": semaphore_contended,
    "queue": queue_run,
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mode", required=True, choices=sorted(MODES))
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=8)
    args = parser.parse_args()
    loop = asyncio.new_event_loop()
    try:
        start = time.perf_counter()
        done = loop.run_until_complete(MODES[args.mode](args.count, args.workers))
        seconds = time.perf_counter() - start
    finally:
        loop.close()
    if done <= 0:
        print("FAILED: the work did not add up", file=sys.stderr)
        sys.exit(1)
    print(json.dumps({"value": done / seconds}))


if __name__ == "__main__":
    main()
