# SPDX-License-Identifier: MIT
"""exitlatency, asyncio: loop.subprocess_exec() with a protocol whose process_exited() takes the
time (asyncio's counterpart of the exited signal)."""
import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time


class ExitProtocol(asyncio.SubprocessProtocol):
    def __init__(self, done):
        self.done = done

    def process_exited(self):
        self.done.set_result(time.clock_gettime_ns(time.CLOCK_MONOTONIC))


async def measure(child, iterations, stamp_fd, stamp_path):
    loop = asyncio.get_running_loop()
    latencies = []
    for _ in range(iterations):
        done = loop.create_future()
        transport, _ = await loop.subprocess_exec(lambda: ExitProtocol(done), child, stamp_path,
                                                  stdin=None, stdout=None, stderr=None)
        exited_at = await done
        code = transport.get_returncode()
        transport.close()
        stamp = int.from_bytes(os.pread(stamp_fd, 8, 0), sys.byteorder, signed=True)
        latencies.append(exited_at - stamp if code == 0 else -1)
    return latencies


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('child')
    parser.add_argument('--iterations', type=int, default=200)
    args = parser.parse_args()
    with tempfile.NamedTemporaryFile(prefix='bench-exitlatency-') as stamp:
        latencies = asyncio.run(measure(args.child, args.iterations, stamp.fileno(), stamp.name))
    if not latencies or min(latencies) < 0:
        sys.exit('a child failed')
    latencies.sort()
    print(json.dumps({'value': round(statistics.median(latencies) / 1000, 2),
                      'extra': {'p90_us': round(latencies[len(latencies) * 9 // 10] / 1000, 2)}}))


if __name__ == '__main__':
    main()
