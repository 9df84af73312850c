// SPDX-License-Identifier: MIT
// exitlatency, QProcess: start(), the time taken in a slot on finished, the next start queued.
#include "latency.h"
#include <QtCore/QCoreApplication>
#include <QtCore/QProcess>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int iterations = bench::argument(argc, argv, "--iterations", 200);
    const QString child = QString::fromLocal8Bit(argc > 1 ? argv[1] : "");
    bench::StampFile stamp;
    const QStringList arguments{QString::fromStdString(stamp.path())};
    std::vector<long long> latencies;
    QProcess process;
    process.setProcessChannelMode(QProcess::ForwardedChannels);
    process.setInputChannelMode(QProcess::ForwardedInputChannel);
    QObject::connect(&process, &QProcess::finished, &app, [&](int code) {
        const long long finishedAt = bench::monotonicNanoseconds();
        latencies.push_back(code == 0 ? finishedAt - stamp.take() : -1);
        if (int(latencies.size()) == iterations)
            app.quit();
        else
            QMetaObject::invokeMethod(
                    &process, [&] { process.start(child, arguments); }, Qt::QueuedConnection);
    });
    QObject::connect(&process, &QProcess::errorOccurred, &app, [&](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            app.exit(1);
    });
    process.start(child, arguments);
    if (!stamp.ok() || app.exec() != 0)
        return 1;
    return bench::printMedianMicroseconds(latencies) ? 0 : 1;
}
