// SPDX-License-Identifier: MIT
// Many commands, a few at a time: a Semaphore inside a task group (the short form), and a pool
// of workers fed by a bounded Queue (when the jobs arrive while the workers run). Either way a
// failure cancels the rest and nothing of the group runs on after it is left. Then results in
// the order they finish (asCompleted), and every outcome at once (gatherOutcomes).
#include <aproc/aproc.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QDebug>

#include <algorithm>
#include <vector>

using namespace std::chrono_literals;

// Runs `sh -c command`, stopped and reaped if the task running it is cancelled.
aproc::Task<QByteArray> output(QString command)
{
    aproc::RunOptions options;
    options.captureOutput = true;
    options.check = true; // a failure is a CalledProcessError
    options.killGrace = 1s;
    const aproc::CompletedProcess done = co_await aproc::run(
            QStringList() << QStringLiteral("/bin/sh") << QStringLiteral("-c") << command, options);
    co_return done.out->trimmed();
}

struct Limits
{
    int running = 0;
    int most = 0;
};

// One command under the semaphore: at most its value of them run at once.
aproc::Task<void> limited(aproc::Semaphore *slots, Limits *limits, QString command,
                          QByteArray *result)
{
    const aproc::SemaphoreGuard held = co_await slots->acquire();
    limits->most = std::max(limits->most, ++limits->running);
    *result = co_await output(command);
    --limits->running;
}

aproc::Task<void> withSemaphore()
{
    aproc::Semaphore slots(3);
    Limits limits;
    std::vector<QByteArray> results(10);
    auto body = [&](aproc::TaskGroup &group) -> aproc::Task<void> {
        for (int i = 0; i < 10; ++i) {
            const QString command = QStringLiteral("sleep 0.0%1; echo %2").arg(i % 3).arg(i * i);
            group.createTask(limited(&slots, &limits, command, &results[size_t(i)]));
        }
        co_return;
    };
    co_await aproc::taskGroup(body);
    QStringList squares;
    for (const QByteArray &result : results)
        squares.append(QString::fromUtf8(result));
    qInfo().noquote() << "squares:" << squares.join(QLatin1Char(' ')) << "at most" << limits.most
                      << "at once";

    // One command fails: the group cancels the others, whose children are stopped and reaped.
    try {
        auto failing = [&](aproc::TaskGroup &group) -> aproc::Task<void> {
            group.createTask(
                    limited(&slots, &limits, QStringLiteral("exec sleep 60"), &results[0]));
            group.createTask(limited(&slots, &limits, QStringLiteral("exit 7"), &results[1]));
            co_return;
        };
        co_await aproc::taskGroup(failing);
    } catch (const aproc::ExceptionGroup &errors) {
        for (const aproc::CalledProcessError *error : errors.matching<aproc::CalledProcessError>())
            qInfo().noquote() << "failed:" << error->message();
    }
}

// A worker: runs the queued commands until the queue is shut down.
aproc::Task<void> worker(aproc::Queue<QString> *jobs, QStringList *done)
{
    try {
        for (;;) {
            const QString command = co_await jobs->get();
            done->append(QString::fromUtf8(co_await output(command)));
            jobs->taskDone();
        }
    } catch (const aproc::QueueShutDown &) { }
}

aproc::Task<void> withQueue()
{
    aproc::Queue<QString> jobs(2); // put() waits while two commands are queued
    QStringList done;
    auto body = [&](aproc::TaskGroup &group) -> aproc::Task<void> {
        for (int i = 0; i < 3; ++i)
            group.createTask(worker(&jobs, &done));
        for (int i = 1; i <= 6; ++i)
            co_await jobs.put(QStringLiteral("echo job%1").arg(i));
        co_await jobs.join(); // every job was taken and done
        jobs.shutdown(); // the workers' get() throws QueueShutDown: they end
    };
    co_await aproc::taskGroup(body);
    done.sort();
    qInfo().noquote() << "queue done:" << done.join(QLatin1Char(' '));
}

// Results as they come (asyncio.as_completed), and every outcome, failures included
// (asyncio.gather(..., return_exceptions=True)).
aproc::Task<void> asTheyFinish()
{
    std::vector<aproc::Task<QByteArray>> commands;
    commands.push_back(output(QStringLiteral("sleep 0.5; echo slow")));
    commands.push_back(output(QStringLiteral("echo fast")));
    auto completed = aproc::asCompleted(std::move(commands), 30s);
    QStringList order;
    while (completed.hasNext()) {
        aproc::Task<QByteArray> finished = co_await completed.next();
        const QByteArray result = co_await finished;
        order.append(QString::fromUtf8(result));
    }
    qInfo().noquote() << "as they finish:" << order.join(QLatin1Char(' '));

    auto [fine, failed] = co_await aproc::gatherOutcomes(output(QStringLiteral("echo fine")),
                                                         output(QStringLiteral("exit 3")));
    qInfo().noquote() << "outcomes:" << fine.value() << "and"
                      << (failed.hasValue() ? "a value" : "an error");
}

aproc::Task<void> demo()
{
    co_await withSemaphore();
    co_await withQueue();
    co_await asTheyFinish();
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    aproc::EventLoop::current()->runUntilComplete(demo());
    return 0;
}
