// SPDX-License-Identifier: MIT
// Stdin, QProcess: BYTES into `cat` (stdout on /dev/null), one CHUNK-byte block written
// whenever the previous one has gone (bytesWritten() with nothing left to write), then
// closeWriteChannel(); finished() ends the loop.
#include <QtCore/QCoreApplication>
#include <QtCore/QProcess>

#include <chrono>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

qint64 option(const QStringList &args, QLatin1StringView name, qint64 fallback)
{
    const qsizetype at = args.indexOf(name);
    return at > 0 && at + 1 < args.size() ? args[at + 1].toLongLong() : fallback;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const qint64 bytes = option(app.arguments(), "--bytes"_L1, qint64(1) << 30);
    const QByteArray block(option(app.arguments(), "--chunk"_L1, 1 << 20), '\0');

    const auto start = std::chrono::steady_clock::now();
    QProcess process;
    process.setStandardOutputFile(QProcess::nullDevice());
    qint64 queued = 0;
    auto writeMore = [&] {
        if (process.bytesToWrite() > 0)
            return;
        if (queued >= bytes) {
            process.closeWriteChannel();
            return;
        }
        const QByteArray next = bytes - queued < block.size() ? block.left(bytes - queued) : block;
        queued += process.write(next);
    };
    QObject::connect(&process, &QProcess::started, writeMore);
    QObject::connect(&process, &QProcess::bytesWritten, writeMore);
    QObject::connect(&process, &QProcess::finished, &app, &QCoreApplication::quit);
    QObject::connect(&process, &QProcess::errorOccurred, [&](QProcess::ProcessError) {
        std::fprintf(stderr, "%s\n", qPrintable(process.errorString()));
        QCoreApplication::exit(1);
    });
    process.start(u"cat"_s, QStringList());
    if (app.exec() != 0)
        return 1;
    const double seconds
            = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (queued != bytes || process.exitStatus() != QProcess::NormalExit
        || process.exitCode() != 0) {
        std::fprintf(stderr, "wrote %lld of %lld bytes\n", queued, bytes);
        return 1;
    }
    std::printf("{\"value\": %.4f}\n", double(bytes) / seconds / 1e9);
    return 0;
}
