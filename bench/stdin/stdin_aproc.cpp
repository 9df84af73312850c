// SPDX-License-Identifier: MIT
// Stdin, Aproc: BYTES into `cat` (stdout on /dev/null) with StreamWriter::write() of one
// CHUNK-byte block and drain(), until all is written; then writeEof() and wait().
#include "../harness/benchprogram.h"

#include <aproc/process.h>
#include <aproc/streamwriter.h>

#include <QtCore/QCoreApplication>

#include <chrono>
#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

struct Arguments
{
    qint64 bytes = qint64(1) << 30;
    qint64 chunk = 1 << 20;
    int pipeSize = 0; // 0: the system's default
};

Arguments parse(const QStringList &args)
{
    Arguments parsed;
    for (qsizetype i = 1; i + 1 < args.size(); i += 2) {
        if (args[i] == "--bytes"_L1)
            parsed.bytes = args[i + 1].toLongLong();
        else if (args[i] == "--chunk"_L1)
            parsed.chunk = args[i + 1].toLongLong();
        else if (args[i] == "--pipe-size"_L1)
            parsed.pipeSize = args[i + 1].toInt();
    }
    return parsed;
}

// False when a pipe size was asked for and the child's stdin pipe does not have it: a variant
// that claims enlarged pipes must have them (read through /proc/PID/fd/0, the same pipe).
bool hasPipeSize(const Arguments &args, qint64 pid)
{
    if (args.pipeSize <= 0)
        return true;
    const int size = bench::childPipeSize(pid, 0);
    if (size != args.pipeSize)
        std::fprintf(stderr, "the pipe holds %d bytes, not %d\n", size, args.pipeSize);
    return size == args.pipeSize;
}

aproc::Task<int> feed(Arguments args)
{
    aproc::ProcessOptions options;
    options.stdinMode = aproc::PIPE;
    options.stdoutMode = aproc::DEVNULL;
    if (args.pipeSize > 0)
        options.pipeSize = args.pipeSize;
    auto process = co_await aproc::createSubprocessExec(u"cat"_s, QStringList(), options);
    if (!hasPipeSize(args, process->pid()))
        co_return -1;
    aproc::StreamWriter *in = process->standardInput();
    const QByteArray block(args.chunk, '\0');
    for (qint64 written = 0; written < args.bytes; written += block.size()) {
        if (args.bytes - written < block.size())
            in->write(block.left(args.bytes - written));
        else
            in->write(block);
        co_await in->drain();
    }
    in->writeEof();
    co_return co_await process->wait();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const Arguments args = parse(app.arguments());
    const auto start = std::chrono::steady_clock::now();
    const int returncode = aproc::EventLoop::current()->runUntilComplete(feed(args));
    const double seconds
            = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (returncode != 0) {
        std::fprintf(stderr, "cat exited with %d\n", returncode);
        return 1;
    }
    std::printf("{\"value\": %.4f}\n", double(args.bytes) / seconds / 1e9);
    return 0;
}
