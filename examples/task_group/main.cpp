// SPDX-License-Identifier: MIT
// Task groups and timeout scopes with real commands: run several at once, see every failure of
// a group at once, and put a deadline on a block of awaits.
#include <aproc/aproc.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QDebug>

using namespace std::chrono_literals;

// The output of a shell command; a ValueError naming it when it fails.
aproc::Task<QByteArray> output(QString command)
{
    aproc::ProcessOptions options;
    options.stdoutMode = aproc::PIPE;
    auto process = co_await aproc::createSubprocessShell(command, options);
    const aproc::Communicated result = co_await process->communicate();
    if (process->returncode() != 0)
        throw aproc::ValueError(
                QStringLiteral("'%1' exited with %2").arg(command).arg(*process->returncode()));
    co_return result.out.value_or(QByteArray()).trimmed();
}

aproc::Task<void> into(QByteArray *slot, aproc::Task<QByteArray> task)
{
    *slot = co_await task;
}

aproc::Task<void> demo()
{
    // Three commands at once; the group ends when all three have.
    QByteArray results[3];
    co_await aproc::taskGroup([&](aproc::TaskGroup &group) -> aproc::Task<void> {
        group.createTask(into(&results[0], output(QStringLiteral("echo one"))));
        group.createTask(into(&results[1], output(QStringLiteral("sleep 0.1; echo two"))));
        group.createTask(into(&results[2], output(QStringLiteral("echo three"))));
        co_return;
    });
    qInfo().noquote() << "all three:" << results[0] << results[1] << results[2];

    // One fails: the slow one is cancelled (and its child killed); every error is reported.
    // `exec` makes the shell become the command, so that killing the child ends the command.
    try {
        co_await aproc::taskGroup([&](aproc::TaskGroup &group) -> aproc::Task<void> {
            group.createTask(into(&results[0], output(QStringLiteral("exec sleep 60"))));
            group.createTask(into(&results[1], output(QStringLiteral("exit 3"))));
            co_return;
        });
    } catch (const aproc::ExceptionGroup &errors) {
        for (const aproc::ValueError *error : errors.matching<aproc::ValueError>())
            qInfo().noquote() << "failed:" << error->message();
    }

    // A deadline on a block of awaits. wait() leaves the child alone when cancelled (asyncio's
    // rule) unless its stopOnCancel says otherwise: here the timeout stops and reaps it first.
    aproc::ProcessOptions stopped;
    stopped.stopOnCancel = aproc::StopOnCancel{.grace = 1s};
    auto slow = co_await aproc::createSubprocessShell(QStringLiteral("exec sleep 60"), stopped);
    try {
        co_await aproc::timeout(100ms, slow->wait());
    } catch (const aproc::TimeoutError &) {
        qInfo() << "timed out, stopped:" << *slow->returncode();
    }
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    aproc::EventLoop::current()->runUntilComplete(demo());
    return 0;
}
