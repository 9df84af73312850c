// SPDX-License-Identifier: MIT
// spawn, QProcess: start() and the next one from the finished signal, as a Qt programmer writes it.
#include <QtCore/QCoreApplication>
#include <QtCore/QProcess>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int count = 2000;
    for (int i = 1; i + 1 < argc; ++i)
        if (std::strcmp(argv[i], "--count") == 0)
            count = std::atoi(argv[i + 1]);

    int started = 0;
    int failures = 0;
    QProcess process;
    process.setProcessChannelMode(QProcess::ForwardedChannels); // stdio inherited, like the peers
    process.setInputChannelMode(QProcess::ForwardedInputChannel);
    const QString program = QStringLiteral("/bin/true");
    auto startNext = [&] {
        if (started == count) {
            app.quit();
            return;
        }
        ++started;
        process.start(program, QStringList());
    };
    QObject::connect(
            &process, &QProcess::finished, &app,
            [&](int code, QProcess::ExitStatus status) {
                failures += code != 0 || status != QProcess::NormalExit;
                startNext();
            },
            Qt::QueuedConnection);
    QObject::connect(&process, &QProcess::errorOccurred, &app, [&](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart) {
            ++failures;
            app.quit();
        }
    });
    const auto begin = std::chrono::steady_clock::now();
    startNext();
    app.exec();
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - begin;
    if (failures != 0 || started != count) {
        std::fprintf(stderr, "%d children failed\n", failures);
        return 1;
    }
    std::printf("{\"value\": %.1f}\n", count / elapsed.count());
    return 0;
}
