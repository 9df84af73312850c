// SPDX-License-Identifier: MIT
// Lines, Aproc: `seq COUNT` read with StreamReader::readline() until EOF.
#include <aproc/process.h>
#include <aproc/streamreader.h>

#include <QtCore/QCoreApplication>

#include <chrono>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

aproc::Task<qint64> countLines(qint64 count)
{
    aproc::ProcessOptions options;
    options.stdoutMode = aproc::PIPE;
    const QStringList arguments(QString::number(count)); // no braced list in a co_await (GCC 12)
    auto process = co_await aproc::createSubprocessExec(u"seq"_s, arguments, options);
    aproc::StreamReader *out = process->standardOutput();
    qint64 lines = 0;
    for (;;) {
        const QByteArray line = co_await out->readline();
        if (line.isEmpty())
            break;
        ++lines;
    }
    if (co_await process->wait() != 0)
        co_return -1;
    co_return lines;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    qint64 count = 10000000;
    const qsizetype at = args.indexOf(u"--count"_s);
    if (at > 0 && at + 1 < args.size())
        count = args[at + 1].toLongLong();

    const auto start = std::chrono::steady_clock::now();
    const qint64 lines = aproc::EventLoop::current()->runUntilComplete(countLines(count));
    const double seconds
            = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (lines != count) {
        std::fprintf(stderr, "counted %lld of %lld lines\n", lines, count);
        return 1;
    }
    std::printf("{\"value\": %.4f}\n", double(lines) / seconds / 1e6);
    return 0;
}
