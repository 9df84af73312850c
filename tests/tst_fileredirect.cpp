// SPDX-License-Identifier: MIT
// Stdio::fromFile() and Stdio::toFile(): a stream redirected to a file by its path, as the
// shell's `< path`, `> path` and `>> path` (Python passes an open file object as stdout=; here
// the parent opens the path itself, so an error names it before anything is spawned).
#include <aproc/errors.h>
#include <aproc/process.h>
#include <aproc/run.h>
#include <aproc/testing.h>

#include "support/children.h"
#include "support/fds.h"

#include <QtCore/QFile>
#include <QtCore/QTemporaryDir>
#include <QtTest/QtTest>

using namespace aproc;
using namespace aproc::testsupport;

namespace {

QByteArray contents(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
}

void writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(file.write(data), data.size());
}

// Runs the helper with \a arguments and \a options to its end; gives its returncode.
Task<int> runHelper(QStringList arguments, ProcessOptions options)
{
    auto process = co_await createSubprocessExec(helper(), arguments, std::move(options));
    co_return co_await process->wait();
}

Task<void> truncateReplacesTheContents(QString path)
{
    ProcessOptions options;
    options.stdoutMode = Stdio::toFile(path);
    APROC_COMPARE(co_await runHelper(args("echo", "new"), options), 0);
    APROC_COMPARE(contents(path), QByteArray("new\n"));
}

Task<void> appendWritesAtTheEnd(QString path)
{
    ProcessOptions options;
    options.stdoutMode = Stdio::toFile(path, FileMode::Append);
    APROC_COMPARE(co_await runHelper(args("echo", "second"), options), 0);
    APROC_COMPARE(co_await runHelper(args("echo", "third"), options), 0);
    APROC_COMPARE(contents(path), QByteArray("first\nsecond\nthird\n"));
}

Task<void> stdinReadsTheFile(QString path)
{
    ProcessOptions options;
    options.stdinMode = Stdio::fromFile(path);
    options.stdoutMode = PIPE;
    auto process = co_await createSubprocessExec(helper(), args("stdin-length"), options);
    const Communicated output = co_await process->communicate();
    APROC_COMPARE(output.out, std::optional<QByteArray>("100000"));
}

// stderr to toStdout() follows stdout into its file; stdout and stderr to files of their own.
Task<void> stderrFollowsOrHasItsOwnFile(QString both, QString out, QString err)
{
    ProcessOptions together;
    together.stdoutMode = Stdio::toFile(both);
    together.stderrMode = STDOUT;
    APROC_COMPARE(co_await runHelper(args("out-err", "x"), together), 0);
    APROC_COMPARE(contents(both), QByteArray("OUT:xERR:x"));
    ProcessOptions apart;
    apart.stdoutMode = Stdio::toFile(out);
    apart.stderrMode = Stdio::toFile(err);
    APROC_COMPARE(co_await runHelper(args("out-err", "y"), apart), 0);
    APROC_COMPARE(contents(out), QByteArray("OUT:y"));
    APROC_COMPARE(contents(err), QByteArray("ERR:y"));
}

Task<void> runWritesTheFile(QString path)
{
    RunOptions options;
    options.process.stdoutMode = Stdio::toFile(path);
    const CompletedProcess done
            = co_await run(QStringList(helper()) + args("echo", "from", "run"), options);
    APROC_COMPARE(done.returncode, 0);
    APROC_VERIFY(!done.out);
    APROC_COMPARE(contents(path), QByteArray("from\nrun\n"));
}

// Throws \a E from starting the helper with \a options, and the message names \a named.
template<typename E> Task<void> refused(ProcessOptions options, QString named)
{
    QString message;
    try {
        co_await runHelper(args("exit", "0"), std::move(options));
    } catch (const E &error) {
        message = error.message();
    }
    APROC_VERIFY2(!message.isEmpty(), "no error, or one of another type");
    APROC_VERIFY2(message.contains(named), qPrintable(message));
}

Task<void> badFilesAreRefusedBeforeTheSpawn(QString directory)
{
    const QStringList before = children();
    const int fds = openFdCount();
    const QString missing = directory + QStringLiteral("/missing.txt");
    ProcessOptions readMissing;
    readMissing.stdinMode = Stdio::fromFile(missing);
    co_await refused<FileNotFoundError>(readMissing, missing);
    const QString noDirectory = directory + QStringLiteral("/no/such/dir/out.txt");
    ProcessOptions writeNowhere;
    writeNowhere.stdoutMode = Stdio::toFile(noDirectory);
    co_await refused<FileNotFoundError>(writeNowhere, noDirectory);
    ProcessOptions writeStdin;
    writeStdin.stdinMode = Stdio::toFile(directory + QStringLiteral("/in.txt"));
    co_await refused<ValueError>(writeStdin, QStringLiteral("stdin"));
    ProcessOptions readStdout;
    readStdout.stdoutMode = Stdio::fromFile(directory + QStringLiteral("/out.txt"));
    co_await refused<ValueError>(readStdout, QStringLiteral("stdout"));
    ProcessOptions emptyPath;
    emptyPath.stderrMode = Stdio::toFile(QString());
    co_await refused<ValueError>(emptyPath, QStringLiteral("stderr"));
    APROC_COMPARE(children(), before);
    APROC_COMPARE(openFdCount(), fds);
    APROC_VERIFY(!QFile::exists(directory + QStringLiteral("/in.txt")));
}

// The parent's copy of the file is closed once the child started.
Task<void> noDescriptorStaysOpen(QString path)
{
    const int fds = openFdCount();
    ProcessOptions options;
    options.stdoutMode = Stdio::toFile(path);
    auto process = co_await createSubprocessExec(helper(), args("echo", "x"), options);
    APROC_COMPARE(openFdCount() - fds, 1); // the pidfd, or the SIGCHLD pipe's share of it
    co_await process->wait();
    process.reset();
    APROC_COMPARE(openFdCount(), fds);
}

} // namespace

class tst_FileRedirect : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { QVERIFY(m_directory.isValid()); }

    void truncateReplacesTheContents()
    {
        const QString path = file("truncate.txt");
        writeFile(path, "old contents, longer than the new\n");
        APROC_RUN(::truncateReplacesTheContents(path));
    }
    void truncateCreatesAMissingFile()
    {
        APROC_RUN(::truncateReplacesTheContents(file("created.txt")));
    }
    void appendWritesAtTheEnd()
    {
        const QString path = file("append.txt");
        writeFile(path, "first\n");
        APROC_RUN(::appendWritesAtTheEnd(path));
    }
    void stdinReadsTheFile()
    {
        const QString path = file("input.bin");
        writeFile(path, QByteArray(100000, 'i'));
        APROC_RUN(::stdinReadsTheFile(path));
    }
    void stderrFollowsOrHasItsOwnFile()
    {
        APROC_RUN(
                ::stderrFollowsOrHasItsOwnFile(file("both.txt"), file("out.txt"), file("err.txt")));
    }
    void runWritesTheFile() { APROC_RUN(::runWritesTheFile(file("run.txt"))); }
    void badFilesAreRefusedBeforeTheSpawn()
    {
        APROC_RUN(::badFilesAreRefusedBeforeTheSpawn(m_directory.path()));
    }
    void noDescriptorStaysOpen() { APROC_RUN(::noDescriptorStaysOpen(file("fds.txt"))); }

private:
    QString file(const char *name) const { return m_directory.filePath(QString::fromUtf8(name)); }

    QTemporaryDir m_directory;
};

QTEST_GUILESS_MAIN(tst_FileRedirect)
#include "tst_fileredirect.moc"
