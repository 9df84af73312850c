// SPDX-License-Identifier: MIT
// Process's Qt-style I/O for signal/slot code (streams = false): write(), closeWriteChannel(),
// pauseReading()/resumeReading(), isPty(), and the group signal after the reap. Real children
// of the test helper (APROC_TEST_HELPER) and /bin/sh; no stream objects.
#include <aproc/process.h>
#include <aproc/testing.h>

#include "support/children.h"

#include <QtCore/QFile>
#include <QtTest/QSignalSpy>
#include <QtTest/QtTest>

#include <csignal>

using namespace aproc;
using namespace aproc::testsupport;
using namespace std::chrono_literals;

namespace {

constexpr int childTimeout = 20000;

ProcessOptions withoutStreams(Stdio in, Stdio out, Stdio err = DEVNULL)
{
    ProcessOptions options;
    options.streams = false;
    options.stdinMode = in;
    options.stdoutMode = out;
    options.stderrMode = err;
    return options;
}

// What the child wrote on \a fd, from the outputReceived signals recorded by \a spy.
QByteArray output(const QSignalSpy &spy, int fd)
{
    QByteArray data;
    for (const QList<QVariant> &arguments : spy) {
        if (arguments.at(0).toInt() == fd)
            data += arguments.at(1).toByteArray();
    }
    return data;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class tst_ProcessIo : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void writeAndCloseWriteChannel();
    void writeWithoutAStdinPipeTakesNothing();
    void closeWriteChannelOnAPtySendsItsEndOfFile();
    void closeWriteChannelOnAPtyUsesTheTerminalsCharacter();
    void pauseReadingBeforeTheStartHoldsTheOutput();
    void isPty();
    void groupSignalAfterTheReapReachesWhatHoldsTheOutput();
};

void tst_ProcessIo::writeAndCloseWriteChannel()
{
    Process process;
    QSignalSpy output(&process, &Process::outputReceived);
    QSignalSpy finished(&process, &Process::finished);
    QVERIFY(output.isValid() && finished.isValid());
    QVERIFY(!process.isWriteChannelOpen()); // not started
    QVERIFY(!process.write("early"));
    process.start(helper(), args("cat"), withoutStreams(PIPE, PIPE));
    QTRY_VERIFY_WITH_TIMEOUT(process.isWriteChannelOpen(), childTimeout);
    QVERIFY(process.write("hello"));
    QVERIFY(process.write(QByteArray(256 * 1024, 'x'))); // more than a pipe takes: buffered
    QVERIFY(process.write(" world"));
    process.closeWriteChannel();
    QVERIFY(!process.isWriteChannelOpen());
    QVERIFY(!process.write("late")); // nothing is taken once the channel is closed
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, childTimeout);
    QCOMPARE(finished.at(0).at(0).toInt(), 0);
    QCOMPARE(::output(output, 1), "hello" + QByteArray(256 * 1024, 'x') + " world");
}

void tst_ProcessIo::writeWithoutAStdinPipeTakesNothing()
{
    Process process;
    QSignalSpy finished(&process, &Process::finished);
    QSignalSpy started(&process, &Process::started);
    QVERIFY(finished.isValid() && started.isValid());
    process.start(helper(), args("stdin-length"), withoutStreams(DEVNULL, PIPE));
    QTRY_COMPARE_WITH_TIMEOUT(started.size(), 1, childTimeout);
    QVERIFY(!process.isWriteChannelOpen());
    QVERIFY(!process.write("nobody reads this"));
    process.closeWriteChannel(); // does nothing
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, childTimeout);
    QCOMPARE(finished.at(0).at(0).toInt(), 0);
}

void tst_ProcessIo::closeWriteChannelOnAPtySendsItsEndOfFile()
{
    Process process;
    QSignalSpy output(&process, &Process::outputReceived);
    QSignalSpy finished(&process, &Process::finished);
    QVERIFY(output.isValid() && finished.isValid());
    process.start(helper(), args("cat"), withoutStreams(Stdio::pty(), Stdio::pty(), STDOUT));
    QTRY_VERIFY_WITH_TIMEOUT(process.isWriteChannelOpen(), childTimeout);
    QVERIFY(process.write("ping\n"));
    // The terminal echoes the line, then cat writes it back: twice.
    QTRY_VERIFY2_WITH_TIMEOUT(::output(output, 1).count("ping") == 2,
                              ::output(output, 1).toPercentEncoding().constData(), childTimeout);
    process.closeWriteChannel(); // ^D at the start of a line: cat reads EOF
    QVERIFY(process.isWriteChannelOpen()); // the terminal itself stays open
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, childTimeout);
    QCOMPARE(finished.at(0).at(0).toInt(), 0);
}

// The end-of-file character is the terminal's own (VEOF), not a fixed ^D.
void tst_ProcessIo::closeWriteChannelOnAPtyUsesTheTerminalsCharacter()
{
    Process process;
    QSignalSpy output(&process, &Process::outputReceived);
    QSignalSpy finished(&process, &Process::finished);
    QVERIFY(output.isValid() && finished.isValid());
    process.startShell(QStringLiteral("stty eof '^B' && echo ready && cat && echo ended"),
                       withoutStreams(Stdio::pty(), Stdio::pty(), STDOUT));
    QTRY_VERIFY_WITH_TIMEOUT(::output(output, 1).contains("ready"), childTimeout);
    process.closeWriteChannel();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, childTimeout);
    QCOMPARE(finished.at(0).at(0).toInt(), 0);
    QVERIFY2(::output(output, 1).contains("ended"), ::output(output, 1).constData());
}

// A child whose output is not read blocks in the pipe, and loses nothing: everything arrives,
// in order, once reading resumes.
void tst_ProcessIo::pauseReadingBeforeTheStartHoldsTheOutput()
{
    constexpr int bytes = 1024 * 1024;
    Process process;
    QSignalSpy output(&process, &Process::outputReceived);
    QSignalSpy finished(&process, &Process::finished);
    QSignalSpy started(&process, &Process::started);
    QVERIFY(output.isValid() && finished.isValid() && started.isValid());
    process.pauseReading();
    QVERIFY(process.isReadingPaused());
    process.start(helper(), args("flood", QString::number(bytes), "4096"),
                  withoutStreams(DEVNULL, PIPE));
    QTRY_COMPARE_WITH_TIMEOUT(started.size(), 1, childTimeout);
    const QString wchan = QStringLiteral("/proc/%1/wchan").arg(process.pid());
    QTRY_VERIFY_WITH_TIMEOUT(readFile(wchan).contains("pipe_write"), childTimeout);
    QCOMPARE(output.size(), 0);
    process.resumeReading();
    QVERIFY(!process.isReadingPaused());
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, childTimeout);
    QCOMPARE(::output(output, 1), QByteArray(bytes, 'x'));
}

void tst_ProcessIo::isPty()
{
    Process process;
    QSignalSpy finished(&process, &Process::finished);
    QSignalSpy started(&process, &Process::started);
    QVERIFY(finished.isValid() && started.isValid());
    QVERIFY(!process.isPty(1)); // not started
    process.start(helper(), args("tty-info"), withoutStreams(PIPE, Stdio::pty(), PIPE));
    QTRY_COMPARE_WITH_TIMEOUT(started.size(), 1, childTimeout);
    QVERIFY(!process.isPty(0));
    QVERIFY(process.isPty(1));
    QVERIFY(!process.isPty(2));
    QVERIFY(!process.isPty(3));
    process.closeWriteChannel();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, childTimeout);
}

// The shell exits at once; the sleep it left behind holds its output. Its group, led by the
// reaped shell, still reaches the sleep; once the output is closed, the call does nothing.
void tst_ProcessIo::groupSignalAfterTheReapReachesWhatHoldsTheOutput()
{
    ProcessOptions options = withoutStreams(DEVNULL, PIPE);
    options.startNewSession = true;
    Process process;
    QSignalSpy output(&process, &Process::outputReceived);
    QSignalSpy exited(&process, &Process::exited);
    QSignalSpy finished(&process, &Process::finished);
    QVERIFY(output.isValid() && exited.isValid() && finished.isValid());
    process.startShell(QStringLiteral("sleep 3600 & echo started"), options);
    QTRY_COMPARE_WITH_TIMEOUT(exited.size(), 1, childTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(::output(output, 1).contains("started"), childTimeout);
    QCOMPARE(finished.size(), 0); // the sleep holds stdout
    process.sendSignalToGroup(SIGTERM);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, childTimeout);
    process.sendSignalToGroup(SIGTERM); // the output is closed: nothing is signalled
    QVERIFY(noZombie());
}

QTEST_GUILESS_MAIN(tst_ProcessIo)
#include "tst_processio.moc"
