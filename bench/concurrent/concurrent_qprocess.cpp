// SPDX-License-Identifier: MIT
// concurrent, QProcess: start() for each child (QProcess's default channels, as a Qt programmer
// leaves them), quit when the last finished signal came. No child is reaped before the
// descriptors are counted: QProcess reaps from the event loop, which starts after the spawns.
#include "procstats.h"
#include <QtCore/QCoreApplication>
#include <QtCore/QProcess>
#include <chrono>
#include <memory>
#include <vector>

int main(int argc, char **argv)
{
    bench::raiseDescriptorLimit();
    QCoreApplication app(argc, argv);
    const int count = int(bench::argument(argc, argv, "--count", 500));
    const QStringList arguments{QString::number(bench::argument(argc, argv, "--seconds", 1))};
    const QString program = QStringLiteral("sleep");
    {
        QProcess warmUp; // Qt's one-time set-up (forkfd, the notifier machinery)
        warmUp.start(program, {QStringLiteral("0")});
        if (!warmUp.waitForFinished())
            return 1;
    }
    const int fdsBefore = bench::openDescriptors();
    const long rssBefore = bench::residentKib();
    int remaining = count;
    bool ok = true;
    std::vector<std::unique_ptr<QProcess>> children;
    children.reserve(count);
    const auto begin = std::chrono::steady_clock::now();
    for (int i = 0; i < count; ++i) {
        auto &child = children.emplace_back(std::make_unique<QProcess>());
        QObject::connect(child.get(), &QProcess::finished, &app,
                         [&](int code, QProcess::ExitStatus status) {
                             ok = ok && code == 0 && status == QProcess::NormalExit;
                             if (--remaining == 0)
                                 app.quit();
                         });
        child->start(program, arguments);
        ok = ok && child->state() != QProcess::NotRunning;
    }
    const int fdsDuring = bench::openDescriptors();
    const long rssDuring = bench::residentKib();
    if (ok)
        app.exec();
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - begin;
    if (!ok)
        return 1;
    bench::printResult(elapsed.count(), count, count, fdsBefore, fdsDuring, rssBefore, rssDuring);
    return 0;
}
