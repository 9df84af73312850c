// SPDX-License-Identifier: MIT
// Throughput, Aproc: `head -c BYTES /dev/zero` read through StreamReader::read(65536)
// (--mode read) or through Process::outputReceived with streams off (--mode signal).
#include "../harness/benchprogram.h"

#include <aproc/process.h>
#include <aproc/streamreader.h>

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
    int pipeSize = 0; // 0: the system's default
    bool signalMode = false;
};

Arguments parse(const QStringList &args)
{
    Arguments parsed;
    for (qsizetype i = 1; i + 1 < args.size(); i += 2) {
        if (args[i] == "--bytes"_L1)
            parsed.bytes = args[i + 1].toLongLong();
        else if (args[i] == "--pipe-size"_L1)
            parsed.pipeSize = args[i + 1].toInt();
        else if (args[i] == "--mode"_L1)
            parsed.signalMode = args[i + 1] == "signal"_L1;
    }
    return parsed;
}

aproc::ProcessOptions options(const Arguments &args)
{
    aproc::ProcessOptions options;
    options.stdoutMode = aproc::PIPE;
    options.streams = !args.signalMode;
    if (args.pipeSize > 0)
        options.pipeSize = args.pipeSize;
    return options;
}

// False when a pipe size was asked for and the child's stdout pipe does not have it: a variant
// that claims enlarged pipes must have them (read through /proc/PID/fd/1, the same pipe).
bool hasPipeSize(const Arguments &args, qint64 pid)
{
    if (args.pipeSize <= 0)
        return true;
    const int size = bench::childPipeSize(pid, 1);
    if (size != args.pipeSize)
        std::fprintf(stderr, "the pipe holds %d bytes, not %d\n", size, args.pipeSize);
    return size == args.pipeSize;
}

QStringList headArguments(qint64 bytes)
{
    return {u"-c"_s, QString::number(bytes), u"/dev/zero"_s};
}

aproc::Task<qint64> readAll(Arguments args)
{
    auto process = co_await aproc::createSubprocessExec(u"head"_s, headArguments(args.bytes),
                                                        options(args));
    if (!hasPipeSize(args, process->pid()))
        co_return -1;
    qint64 total = 0;
    for (;;) {
        const QByteArray chunk = co_await process->standardOutput()->read(65536);
        if (chunk.isEmpty())
            break;
        total += chunk.size();
    }
    if (co_await process->wait() != 0)
        co_return -1;
    co_return total;
}

qint64 receiveAll(const Arguments &args)
{
    aproc::Process process;
    qint64 total = 0;
    int returncode = -1;
    QObject::connect(&process, &aproc::Process::outputReceived,
                     [&total](int, const QByteArray &data) { total += data.size(); });
    QObject::connect(&process, &aproc::Process::started, [&args](qint64 pid) {
        if (!hasPipeSize(args, pid))
            QCoreApplication::exit(1);
    });
    QObject::connect(&process, &aproc::Process::finished, [&returncode](int code) {
        returncode = code;
        QCoreApplication::quit();
    });
    QObject::connect(&process, &aproc::Process::errorOccurred, [](const QString &message) {
        std::fprintf(stderr, "%s\n", qPrintable(message));
        QCoreApplication::exit(1);
    });
    process.start(u"head"_s, headArguments(args.bytes), options(args));
    if (QCoreApplication::exec() != 0 || returncode != 0)
        return -1;
    return total;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const Arguments args = parse(app.arguments());
    const auto start = std::chrono::steady_clock::now();
    const qint64 total = args.signalMode
                                 ? receiveAll(args)
                                 : aproc::EventLoop::current()->runUntilComplete(readAll(args));
    const double seconds
            = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (total != args.bytes) {
        std::fprintf(stderr, "read %lld of %lld bytes\n", total, args.bytes);
        return 1;
    }
    std::printf("{\"value\": %.4f}\n", double(total) / seconds / 1e9);
    return 0;
}
