// SPDX-License-Identifier: MIT
// Lines, QProcess: `seq COUNT`, each readyReadStandardOutput drained with
// canReadLine()/readLine(), the idiomatic way; finished() ends the loop.
#include <QtCore/QCoreApplication>
#include <QtCore/QProcess>

#include <chrono>
#include <cstdio>

using namespace Qt::StringLiterals;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    qint64 count = 10000000;
    const qsizetype at = args.indexOf(u"--count"_s);
    if (at > 0 && at + 1 < args.size())
        count = args[at + 1].toLongLong();

    const auto start = std::chrono::steady_clock::now();
    QProcess process;
    qint64 lines = 0;
    auto readLines = [&] {
        while (process.canReadLine()) {
            const QByteArray line = process.readLine();
            if (!line.isEmpty())
                ++lines;
        }
    };
    QObject::connect(&process, &QProcess::readyReadStandardOutput, readLines);
    QObject::connect(&process, &QProcess::finished, &app, &QCoreApplication::quit);
    QObject::connect(&process, &QProcess::errorOccurred, [&](QProcess::ProcessError) {
        std::fprintf(stderr, "%s\n", qPrintable(process.errorString()));
        QCoreApplication::exit(1);
    });
    process.start(u"seq"_s, {QString::number(count)});
    if (app.exec() != 0)
        return 1;
    readLines();
    const double seconds
            = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (lines != count || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        std::fprintf(stderr, "counted %lld of %lld lines\n", lines, count);
        return 1;
    }
    std::printf("{\"value\": %.4f}\n", double(lines) / seconds / 1e6);
    return 0;
}
