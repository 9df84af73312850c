// SPDX-License-Identifier: MIT
// Throughput, QProcess: `head -c BYTES /dev/zero`, every readyReadStandardOutput drained with
// readAllStandardOutput(), finished() ends the loop: the way a Qt program reads a child.
#include <QtCore/QCoreApplication>
#include <QtCore/QProcess>

#include <chrono>
#include <cstdio>

using namespace Qt::StringLiterals;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    qint64 bytes = qint64(1) << 30;
    const qsizetype at = args.indexOf(u"--bytes"_s);
    if (at > 0 && at + 1 < args.size())
        bytes = args[at + 1].toLongLong();

    const auto start = std::chrono::steady_clock::now();
    QProcess process;
    process.setProcessChannelMode(QProcess::SeparateChannels);
    process.setStandardErrorFile(QProcess::nullDevice());
    qint64 total = 0;
    QObject::connect(&process, &QProcess::readyReadStandardOutput,
                     [&] { total += process.readAllStandardOutput().size(); });
    QObject::connect(&process, &QProcess::finished, &app, &QCoreApplication::quit);
    QObject::connect(&process, &QProcess::errorOccurred, [&](QProcess::ProcessError) {
        std::fprintf(stderr, "%s\n", qPrintable(process.errorString()));
        QCoreApplication::exit(1);
    });
    process.start(u"head"_s, {u"-c"_s, QString::number(bytes), u"/dev/zero"_s});
    if (app.exec() != 0)
        return 1;
    total += process.readAllStandardOutput().size();
    const double seconds
            = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (total != bytes || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        std::fprintf(stderr, "read %lld of %lld bytes\n", total, bytes);
        return 1;
    }
    std::printf("{\"value\": %.4f}\n", double(total) / seconds / 1e9);
    return 0;
}
