# SPDX-License-Identifier: MIT
# The five everyday jobs of main.cpp in Python 3.11's asyncio, printing the same lines: the
# reference that examples/everyday/count_lines.py compares the C++ against.
import asyncio
import os
from asyncio.subprocess import PIPE


def sh(command):
    return ["/bin/sh", "-c", command]


# job: capture with a timeout
async def capture(argv):
    process = await asyncio.create_subprocess_exec(*argv, stdout=PIPE, stderr=PIPE)
    try:
        out, _ = await asyncio.wait_for(process.communicate(), 10)
    except TimeoutError:
        process.kill()
        await process.wait()
        raise
    if process.returncode != 0:
        raise RuntimeError(f"{argv} exited with {process.returncode}")
    return out

# job: stream lines into a model
async def stream(argv, model):
    process = await asyncio.create_subprocess_exec(*argv, stdout=PIPE)
    async for line in process.stdout:
        model.append(line.decode().rstrip("\n"))
    await process.wait()

# job: a two-process pipeline
async def pipeline(first, second):
    read, write = os.pipe()
    one = await asyncio.create_subprocess_exec(*first, stdout=write)
    two = await asyncio.create_subprocess_exec(*second, stdin=read, stdout=PIPE)
    os.close(read)
    os.close(write)
    out, _ = await two.communicate()
    await one.wait()
    return out

# job: a prompt-and-answer dialogue
async def dialogue(argv, answer):
    process = await asyncio.create_subprocess_exec(*argv, stdin=PIPE, stdout=PIPE)
    await process.stdout.readuntil(b"name? ")
    process.stdin.write(answer + b"\n")
    await process.stdin.drain()
    line = await process.stdout.readline()
    await process.wait()
    return line.rstrip(b"\n")

# job: many commands with bounded concurrency
async def run_limited(limit, argv):
    async with limit:
        return await capture(argv)
async def many(commands, at_once):
    limit = asyncio.Semaphore(at_once)
    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(run_limited(limit, argv)) for argv in commands]
    return [task.result() for task in tasks]


async def demo():
    print("capture:", (await capture(sh("echo captured"))).decode().strip())
    model = []
    await stream(sh("printf 'one\\ntwo\\nthree\\n'"), model)
    print("stream:", " ".join(model))
    print("pipeline:", " ".join((await pipeline(sh("printf 'b\\na\\nc\\n'"), ["sort"])).decode().split()))
    print("dialogue:", (await dialogue(sh("printf 'name? '; read name; echo \"hello $name\""), b"Ada")).decode())
    outputs = await many([sh(f"echo {i * 10}") for i in range(1, 7)], 2)
    print("many:", " ".join(output.decode().strip() for output in outputs))


asyncio.run(demo())
