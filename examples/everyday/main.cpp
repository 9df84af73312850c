// SPDX-License-Identifier: MIT
// Five everyday jobs, each as short as its asyncio counterpart in everyday.py (which prints the
// same lines): capture with a timeout, stream lines into a model, a two-process pipeline, a
// prompt-and-answer dialogue, and many commands with bounded concurrency. Each job is the code
// between its "job:" comment and the next blank line; `examples/everyday/count_lines.py` counts
// them in both files.
#include <aproc/aproc.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QDebug>
#include <QtCore/QStringListModel>

using namespace std::chrono_literals;

QStringList sh(const QString &command)
{
    return QStringList() << QStringLiteral("/bin/sh") << QStringLiteral("-c") << command;
}

// job: capture with a timeout
aproc::Task<QByteArray> capture(QStringList argv)
{
    aproc::RunOptions options{.captureOutput = true, .check = true, .timeout = 10s};
    const aproc::CompletedProcess done = co_await aproc::run(argv, options);
    co_return *done.out;
}

// job: stream lines into a model
aproc::Task<void> stream(QStringList argv, QStringListModel *model)
{
    auto process = co_await aproc::createSubprocessExec(
            argv, aproc::ProcessOptions{.stdoutMode = aproc::PIPE});
    auto lines = aproc::textLines(process->standardOutput());
    while (const std::optional<QString> line = co_await lines.next())
        model->setStringList(model->stringList() << *line);
    co_await process->wait();
}

// job: a two-process pipeline
aproc::Task<QByteArray> pipeline(QStringList first, QStringList second)
{
    QList<QStringList> stages{first, second};
    auto both = co_await aproc::createPipeline(stages,
                                               aproc::ProcessOptions{.stdoutMode = aproc::PIPE});
    const aproc::PipelineOutput output = co_await both->communicate();
    co_return *output.out;
}

// job: a prompt-and-answer dialogue
aproc::Task<QByteArray> dialogue(QStringList argv, QByteArray answer)
{
    auto process = co_await aproc::createSubprocessExec(
            argv, aproc::ProcessOptions{.stdinMode = aproc::PIPE, .stdoutMode = aproc::PIPE});
    aproc::Expect expect(process.get());
    co_await expect.expectExact("name? ");
    co_await expect.sendLine(answer);
    const QRegularExpressionMatch match
            = co_await expect.expect(QRegularExpression(QStringLiteral("hello .*")));
    co_await process->wait();
    co_return match.captured().toUtf8();
}

// job: many commands with bounded concurrency
aproc::Task<void> runLimited(aproc::Semaphore *limit, QStringList argv, QByteArray *out)
{
    const aproc::SemaphoreGuard held = co_await limit->acquire();
    *out = co_await capture(argv);
}
aproc::Task<QList<QByteArray>> many(QList<QStringList> commands, int atOnce)
{
    aproc::Semaphore limit(atOnce);
    QList<QByteArray> outputs(commands.size());
    co_await aproc::taskGroup([&](aproc::TaskGroup &group) -> aproc::Task<void> {
        for (qsizetype i = 0; i < commands.size(); ++i)
            group.createTask(runLimited(&limit, commands[i], &outputs[i]));
        co_return;
    });
    co_return outputs;
}

aproc::Task<void> demo()
{
    const QByteArray captured = co_await capture(sh(QStringLiteral("echo captured")));
    qInfo().noquote() << "capture:" << captured.trimmed();

    QStringListModel model;
    co_await stream(sh(QStringLiteral("printf 'one\\ntwo\\nthree\\n'")), &model);
    qInfo().noquote() << "stream:" << model.stringList().join(QLatin1Char(' '));

    const QByteArray sorted = co_await pipeline(sh(QStringLiteral("printf 'b\\na\\nc\\n'")),
                                                QStringList(QStringLiteral("sort")));
    qInfo().noquote()
            << "pipeline:"
            << QString::fromUtf8(sorted).split(QLatin1Char('\n')).join(QLatin1Char(' ')).trimmed();

    const QByteArray greeting = co_await dialogue(
            sh(QStringLiteral("printf 'name? '; read name; echo \"hello $name\"")), "Ada");
    qInfo().noquote() << "dialogue:" << greeting;

    QList<QStringList> commands;
    for (int i = 1; i <= 6; ++i)
        commands << sh(QStringLiteral("echo %1").arg(i * 10));
    const QList<QByteArray> outputs = co_await many(commands, 2);
    QStringList all;
    for (const QByteArray &output : outputs)
        all << QString::fromUtf8(output.trimmed());
    qInfo().noquote() << "many:" << all.join(QLatin1Char(' '));
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    aproc::EventLoop::current()->runUntilComplete(demo());
    return 0;
}
