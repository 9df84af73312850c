// SPDX-License-Identifier: MIT
// Running commands from a coroutine: several at once with gather(), one streamed line by line
// with readline(), and one cut short by waitFor().
#include <aproc/aproc.h>
#include <aproc/process.h>
#include <aproc/streamreader.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QDebug>

using namespace std::chrono_literals;

// Runs `/bin/sh -c command` and gives its standard output.
aproc::Task<QByteArray> output(QString command)
{
    aproc::ProcessOptions options;
    options.stdoutMode = aproc::PIPE;
    auto process = co_await aproc::createSubprocessShell(command, options);
    const aproc::Communicated result = co_await process->communicate();
    co_return result.out.value_or(QByteArray()).trimmed();
}

// Prints each line as soon as the child writes it.
aproc::Task<int> streamLines()
{
    aproc::ProcessOptions options;
    options.stdoutMode = aproc::PIPE;
    auto process = co_await aproc::createSubprocessShell(
            QStringLiteral("for i in 1 2 3; do echo line $i; done"), options);
    for (;;) {
        const QByteArray line = co_await process->standardOutput()->readline();
        if (line.isEmpty()) // EOF
            break;
        qInfo().noquote() << "streamed:" << line.trimmed();
    }
    co_return co_await process->wait();
}

// A command that takes too long: waitFor() gives up, then the child is stopped.
aproc::Task<void> withTimeout()
{
    auto process = co_await aproc::createSubprocessExec(QStringLiteral("sleep"),
                                                        QStringList(QStringLiteral("30")));
    try {
        co_await aproc::waitFor(process->wait(), 100ms); // the child keeps running on timeout
    } catch (const aproc::TimeoutError &) {
        qInfo() << "timed out, stopping it";
    }
    const int code = co_await process->stop(1s); // SIGTERM, SIGKILL after 1 s
    qInfo() << "stopped:" << code;
}

// The same in one call, as subprocess.run: the output captured, a failure an exception, and a
// timeout that ends the child (SIGTERM, SIGKILL after the grace) before it throws.
aproc::Task<void> oneCall()
{
    aproc::RunOptions options;
    options.captureOutput = true;
    options.check = true;
    const aproc::CompletedProcess listing = co_await aproc::run(
            QStringList() << QStringLiteral("echo") << QStringLiteral("ran"), options);
    qInfo().noquote() << "run:" << listing.out->trimmed();
    try {
        co_await aproc::run(QStringList() << QStringLiteral("false"), options);
    } catch (const aproc::CalledProcessError &error) {
        qInfo().noquote() << "run failed:" << error.message();
    }
    options.timeout = 100ms;
    options.killGrace = 1s;
    try {
        co_await aproc::run(QStringList() << QStringLiteral("sleep") << QStringLiteral("30"),
                            options);
    } catch (const aproc::TimeoutError &error) {
        qInfo().noquote() << "run timed out:" << error.message();
    }
}

aproc::Task<void> demo()
{
    auto [kernel, hello, sum] = co_await aproc::gather(output(QStringLiteral("uname -s")),
                                                       output(QStringLiteral("echo hello")),
                                                       output(QStringLiteral("expr 40 + 2")));
    qInfo().noquote() << "gathered:" << kernel << hello << sum;
    const int streamed = co_await streamLines();
    qInfo() << "stream exit code:" << streamed;
    co_await withTimeout();
    co_await oneCall();
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    aproc::EventLoop::current()->runUntilComplete(demo());
    return 0;
}
