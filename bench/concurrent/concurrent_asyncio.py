# SPDX-License-Identifier: MIT
"""concurrent, asyncio: create_subprocess_exec('sleep') for each child, then gather their wait()."""
import argparse
import asyncio
import json
import os
import resource
import sys
import time


def open_descriptors():
    return len(os.listdir('/proc/self/fd')) - 1


def resident_kib():
    with open('/proc/self/status') as status:
        for line in status:
            if line.startswith('VmRSS:'):
                return int(line.split()[1])
    return -1


async def run_all(count, seconds):
    warm_up = await asyncio.create_subprocess_exec('sleep', '0')  # the watcher's set-up
    await warm_up.wait()
    fds_before, rss_before = open_descriptors(), resident_kib()
    begin = time.perf_counter()
    children = [await asyncio.create_subprocess_exec('sleep', seconds) for _ in range(count)]
    fds_during, rss_during = open_descriptors(), resident_kib()
    running = sum(child.returncode is None for child in children)
    codes = await asyncio.gather(*(child.wait() for child in children))
    elapsed = time.perf_counter() - begin
    return all(code == 0 for code in codes), {
        'value': round(elapsed, 4),
        'extra': {'fds_per_child': round((fds_during - fds_before) / running, 2),
                  'rss_per_child_kib': round((rss_during - rss_before) / count, 2)}}


def main():
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    parser = argparse.ArgumentParser()
    parser.add_argument('--count', type=int, default=500)
    parser.add_argument('--seconds', default='1')
    args = parser.parse_args()
    ok, result = asyncio.run(run_all(args.count, args.seconds))
    if not ok:
        sys.exit('a child failed')
    print(json.dumps(result))


if __name__ == '__main__':
    main()
