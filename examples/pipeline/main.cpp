// SPDX-License-Identifier: MIT
// Pipelines and redirections without a shell: `a | b | c` with every stage's returncode and a
// pipefail result, no byte through this process, and output appended to a log file by path.
#include <aproc/aproc.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QDebug>
#include <QtCore/QFile>
#include <QtCore/QTemporaryDir>

using namespace std::chrono_literals;

QStringList argv(std::initializer_list<const char *> words)
{
    QStringList list;
    for (const char *word : words)
        list.append(QString::fromUtf8(word));
    return list;
}

aproc::Task<void> demo(QString logPath)
{
    // printf ... | sort | uniq -c: the words counted, the way a shell would.
    QList<QStringList> count;
    count << argv({"printf", "%s\\n", "pear", "fig", "pear", "apple", "pear"}) << argv({"sort"})
          << argv({"uniq", "-c"});
    aproc::ProcessOptions piped;
    piped.stdoutMode = aproc::PIPE;
    auto counting = co_await aproc::createPipeline(count, piped);
    const aproc::PipelineOutput counted = co_await counting->communicate();
    for (const QByteArray &line : counted.out->trimmed().split('\n'))
        qInfo().noquote() << "counted:" << line.simplified();

    // yes | head -n 3: head ends early and yes dies of SIGPIPE, as in a shell; pipefail sees it.
    QList<QStringList> early;
    early << argv({"yes"}) << argv({"head", "-n", "3"});
    auto heading = co_await aproc::createPipeline(early, piped);
    const aproc::PipelineOutput headed = co_await heading->communicate();
    qInfo() << "statuses:" << headed.status.returncodes << "last:" << headed.status.returncode()
            << "pipefail:" << headed.status.pipefail();

    // date >> log, twice: the file is opened by path, before the spawn, and appended to.
    aproc::RunOptions logged;
    logged.process.stdoutMode = aproc::Stdio::toFile(logPath, aproc::FileMode::Append);
    // GCC 12 rejects a braced list inside a co_await operand: the commands are named first.
    const QStringList first = argv({"echo", "first run"});
    const QStringList second = argv({"echo", "second run"});
    co_await aproc::run(first, logged);
    co_await aproc::run(second, logged);
    QFile log(logPath);
    if (log.open(QIODevice::ReadOnly))
        qInfo().noquote() << "log:" << log.readAll().replace('\n', " | ");

    // A file that cannot be read is an error naming it, and nothing is spawned.
    aproc::ProcessOptions missing;
    missing.stdinMode = aproc::Stdio::fromFile(QStringLiteral("/nonexistent/input.txt"));
    const QStringList cat = argv({"cat"});
    try {
        co_await aproc::createSubprocessExec(cat, missing);
    } catch (const aproc::FileNotFoundError &error) {
        qInfo().noquote() << "refused:" << error.message();
    }
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTemporaryDir directory;
    if (!directory.isValid())
        return 1;
    aproc::EventLoop::current()->runUntilComplete(demo(directory.filePath(QStringLiteral("log"))));
    return 0;
}
