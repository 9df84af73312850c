// SPDX-License-Identifier: MIT
// DemoSession: the embedded Procfile and scripts reach the disk, parse, and really run.
#include "launch/demosession.h"

#include <aproc/process.h>
#include <aproc/processoptions.h>
#include <aproc/streamwriter.h>

#include <QtCore/QFileInfo>
#include <QtCore/QRegularExpression>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include <csignal>
#include <memory>

using namespace Qt::StringLiterals;
using aproc::Process;
using aproc::ProcessOptions;
using aproc::Stdio;
using aproc::monitor::DemoSession;
using aproc::monitor::LaunchSpec;
using aproc::monitor::LaunchSpecs;
using aproc::monitor::ProcfileContents;
using aproc::monitor::RestartPolicy;

namespace {

/*! \brief A demo entry running in a session of its own, its stdout and stderr collected. */
class DemoRun
{
public:
    explicit DemoRun(const LaunchSpec &spec) : m_output(&m_process, &Process::outputReceived)
    {
        ProcessOptions options;
        options.stdinMode = Stdio::pipe();
        options.stdoutMode = Stdio::pipe();
        options.stderrMode = Stdio::toStdout();
        options.workingDirectory = spec.workingDirectory;
        options.startNewSession = true; // so the spawner's children can be stopped with it
        const aproc::monitor::CommandInvocation invocation = LaunchSpecs::invocation(spec);
        m_process.start(invocation.program, invocation.arguments, options);
    }

    ~DemoRun()
    {
        if (!m_process.returncode() && m_process.pid() > 0)
            m_process.sendSignalToGroup(SIGKILL);
    }

    Process &process() { return m_process; }

    QString output() const
    {
        QByteArray all;
        for (const QList<QVariant> &arguments : m_output)
            all += arguments.at(1).toByteArray();
        return QString::fromUtf8(all);
    }

private:
    Process m_process;
    QSignalSpy m_output;
};

LaunchSpec demoEntry(const QString &name)
{
    const ProcfileContents contents = DemoSession::load();
    for (const LaunchSpec &spec : contents.entries) {
        if (spec.name == name)
            return spec;
    }
    qFatal("no demo entry %s", qPrintable(name));
}

} // namespace

class TestDemoSession : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void materializesAProcfileThatParses()
    {
        QString error;
        const QString path = DemoSession::materialize(&error);
        QVERIFY2(!path.isEmpty(), qPrintable(error));
        QVERIFY(QFileInfo(path).isReadable());
        QCOMPARE(DemoSession::materialize(), path); // once per process
        const ProcfileContents contents = DemoSession::load();
        QVERIFY2(contents.issues.isEmpty(), qPrintable(contents.issues.value(0).text()));
        QStringList names;
        for (const LaunchSpec &spec : contents.entries) {
            names.append(spec.name);
            QCOMPARE(spec.workingDirectory, QFileInfo(path).absolutePath());
            QVERIFY(spec.shell);
            QVERIFY2(LaunchSpecs::problem(spec).isEmpty(), qPrintable(spec.name));
        }
        QCOMPARE(names,
                 QStringList({u"clock"_s, u"colours"_s, u"echo"_s, u"flaky"_s, u"spawner"_s}));
    }

    void hasExecutableScripts()
    {
        const QString directory = QFileInfo(DemoSession::materialize()).absolutePath();
        for (const QString &name :
             {u"clock"_s, u"colours"_s, u"echo"_s, u"flaky"_s, u"spawner"_s}) {
            const QFileInfo script(directory + u'/' + name + u".sh"_s);
            QVERIFY2(script.isFile(), qPrintable(script.filePath()));
            QVERIFY2(script.isExecutable(), qPrintable(script.filePath()));
            QVERIFY(demoEntry(name).command.contains(u"./"_s + script.fileName()));
        }
    }

    void hasTheOptionsTheScriptsNeed()
    {
        QVERIFY(demoEntry(u"colours"_s).pty);
        const LaunchSpec flaky = demoEntry(u"flaky"_s);
        QCOMPARE(flaky.restartPolicy, RestartPolicy::OnFailure);
        QVERIFY(flaky.maxRestarts > 0);
    }

    void echoAnswersEachLine()
    {
        DemoRun run(demoEntry(u"echo"_s));
        QSignalSpy started(&run.process(), &Process::started);
        QVERIFY(started.isValid());
        QTRY_COMPARE_WITH_TIMEOUT(started.count(), 1, 10000);
        run.process().standardInput()->write("hello there\n");
        QTRY_VERIFY2_WITH_TIMEOUT(run.output().contains(u"you said: hello there\n"_s),
                                  qPrintable(run.output()), 10000);
        run.process().standardInput()->writeEof();
        QSignalSpy finished(&run.process(), &Process::finished);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        QCOMPARE(run.process().returncode(), 0);
    }

    void flakyFailsWithStatusThree()
    {
        DemoRun run(demoEntry(u"flaky"_s));
        QSignalSpy finished(&run.process(), &Process::finished);
        QVERIFY(finished.isValid());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        QCOMPARE(finished.first().first().toInt(), 3);
        QVERIFY2(run.output().contains(u"step 4 of 4"_s), qPrintable(run.output()));
    }

    void clockPrintsTheTime()
    {
        DemoRun run(demoEntry(u"clock"_s));
        static const QRegularExpression twoTimes(
                u"\\d\\d:\\d\\d:\\d\\d\n.*\\d\\d:\\d\\d:\\d\\d\n"_s,
                QRegularExpression::DotMatchesEverythingOption);
        QTRY_VERIFY2_WITH_TIMEOUT(twoTimes.match(run.output()).hasMatch(), qPrintable(run.output()),
                                  10000);
    }

    void coloursPrintsColouredLevels()
    {
        DemoRun run(demoEntry(u"colours"_s));
        QTRY_VERIFY2_WITH_TIMEOUT(run.output().contains(u"WARN"_s), qPrintable(run.output()),
                                  20000);
        QVERIFY(run.output().contains(u"\x1b[32mINFO"_s));
        QVERIFY(run.output().contains(u"\x1b[1;33mWARN"_s));
        QVERIFY(run.output().contains(u"\x1b[0m"_s));
    }

    void spawnerStartsChildrenThatPrint()
    {
        DemoRun run(demoEntry(u"spawner"_s));
        for (const QString &child : {u"child 1 "_s, u"child 2 "_s, u"child 3 "_s}) {
            QTRY_VERIFY2_WITH_TIMEOUT(run.output().contains(child), qPrintable(run.output()),
                                      10000);
        }
        QVERIFY(run.output().contains(u"started three children"_s));
        QVERIFY(!run.process().returncode()); // it waits for them
    }
};

QTEST_MAIN(TestDemoSession)
#include "tst_monitor_demosession.moc"
