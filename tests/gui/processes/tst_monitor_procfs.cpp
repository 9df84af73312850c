// SPDX-License-Identifier: MIT
// Reading /proc and sampling it, against this process and real children: the stat line of our
// own pid, a grandchild found among the descendants, CPU % of a busy and an idle child.
#include "processes/processsampler.h"
#include "processes/procfs.h"

#include <aproc/shell.h>

#include <QtCore/QProcess>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include <csignal>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using aproc::monitor::ProcessSampler;
using aproc::monitor::ProcessSnapshot;
using aproc::monitor::ProcessStat;
namespace procfs = aproc::monitor::procfs;

namespace {
constexpr int childTimeout = 10000;

QString helperCommand(const QString &arguments)
{
    return aproc::shellQuote(QStringLiteral(APROC_TEST_HELPER)) + u' ' + arguments;
}

/*! Starts `/bin/sh -c command`, killed and reaped when the returned object is destroyed. */
std::unique_ptr<QProcess> startShell(const QString &command)
{
    auto process = std::make_unique<QProcess>();
    process->start(u"/bin/sh"_s, {u"-c"_s, command});
    if (!process->waitForStarted(childTimeout))
        return nullptr;
    return process;
}

void stop(QProcess *process)
{
    process->kill();
    process->waitForFinished(childTimeout);
}
} // namespace

class TestProcfs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseStat_data();
    void parseStat();
    void ownProcess();
    void descendantsOfATree();
    void grandchildIsADescendant();
    void busyChildUsesCpu();
    void sleepingChildUsesNoCpu();
    void historyIsBounded();
};

void TestProcfs::parseStat_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("name");
    QTest::addColumn<char>("state");
    QTest::addColumn<qint64>("parentPid");

    const QByteArray tail
            = " 1 2 3 -1 4194304 100 0 0 0 7 5 0 0 20 0 1 0 4242 1000 3 18446744073709551615";
    QTest::newRow("plain") << ("123 (sleep) S 77" + tail) << true << u"sleep"_s << 'S' << 77LL;
    QTest::newRow("spaces and parentheses")
            << ("123 (a) b (c)) R 9" + tail) << true << u"a) b (c)"_s << 'R' << 9LL;
    QTest::newRow("zombie") << ("5 (x) Z 1" + tail) << true << u"x"_s << 'Z' << 1LL;
    QTest::newRow("truncated") << QByteArray("123 (sleep) S 77 1 2") << false << QString() << '?'
                               << 0LL;
    QTest::newRow("no name") << QByteArray("123 sleep S 77") << false << QString() << '?' << 0LL;
    QTest::newRow("empty") << QByteArray() << false << QString() << '?' << 0LL;
}

void TestProcfs::parseStat()
{
    QFETCH(QByteArray, line);
    QFETCH(bool, valid);
    const std::optional<ProcessStat> stat = procfs::parseStat(line);
    QCOMPARE(stat.has_value(), valid);
    if (!valid)
        return;
    QFETCH(QString, name);
    QFETCH(char, state);
    QFETCH(qint64, parentPid);
    QCOMPARE(stat->name, name);
    QCOMPARE(stat->state, state);
    QCOMPARE(stat->parentPid, parentPid);
    QCOMPARE(stat->cpuTicks, quint64(12)); // utime 7 + stime 5
    QCOMPARE(stat->startTicks, quint64(4242));
    QCOMPARE(stat->rssBytes, 3 * procfs::pageSize());
}

void TestProcfs::ownProcess()
{
    const std::optional<ProcessStat> stat = procfs::readStat(::getpid());
    QVERIFY(stat);
    QCOMPARE(stat->pid, qint64(::getpid()));
    QCOMPARE(stat->parentPid, qint64(::getppid()));
    QCOMPARE(stat->name, u"tst_monitor_pro"_s); // comm: the first 15 bytes
    QVERIFY(stat->state == 'R' || stat->state == 'S');
    QVERIFY(stat->rssBytes > 0);
    const QDateTime started = procfs::startTime(stat->startTicks);
    QVERIFY2(qAbs(started.secsTo(QDateTime::currentDateTime())) < 3600,
             qPrintable(started.toString()));
    QVERIFY(procfs::readCommandLine(::getpid()).value(0).endsWith(u"tst_monitor_procfs"_s));

    const ProcessSnapshot snapshot = ProcessSnapshot::take();
    QVERIFY(snapshot.find(::getpid()));
    QCOMPARE(snapshot.find(::getpid())->parentPid, qint64(::getppid()));
    QVERIFY(snapshot.descendants(::getppid()).contains(::getpid()));
    QVERIFY(!procfs::readStat(0));
}

void TestProcfs::descendantsOfATree()
{
    // 1 -> 10 -> {11 -> 13, 12}; 20 is another tree; 30 and 31 are each other's parent (a pid
    // recycled mid-read) and must not loop.
    QList<ProcessStat> list;
    for (const auto &[pid, parent] : QList<std::pair<qint64, qint64>>{
                 {1, 0}, {10, 1}, {12, 10}, {11, 10}, {13, 11}, {20, 1}, {30, 31}, {31, 30}}) {
        ProcessStat stat;
        stat.pid = pid;
        stat.parentPid = parent;
        list.append(stat);
    }
    const ProcessSnapshot snapshot = ProcessSnapshot::fromList(list);
    QCOMPARE(snapshot.descendants(10), (QList<qint64>{11, 13, 12}));
    QCOMPARE(snapshot.children(10), (QList<qint64>{11, 12}));
    QCOMPARE(snapshot.descendants(1), (QList<qint64>{10, 11, 13, 12, 20}));
    QCOMPARE(snapshot.descendants(13), QList<qint64>());
    QCOMPARE(snapshot.descendants(99), QList<qint64>());
    QCOMPARE(snapshot.descendants(30), QList<qint64>{31});
}

void TestProcfs::grandchildIsADescendant()
{
    // sh -> sh -> helper: `; :` keeps each shell from exec'ing its last command.
    const QString inner = helperCommand(u"sleep 30"_s) + u"; :"_s;
    const auto shell = startShell(u"/bin/sh -c "_s + aproc::shellQuote(inner) + u"; :"_s);
    QVERIFY(shell);
    const qint64 pid = shell->processId();
    QList<qint64> descendants;
    QTRY_VERIFY_WITH_TIMEOUT((descendants = ProcessSnapshot::take().descendants(pid)).size() == 2
                                     && procfs::readStat(descendants.last())->name
                                                == u"aproc-test-helper"_s.left(15),
                             childTimeout);
    const ProcessSnapshot snapshot = ProcessSnapshot::take();
    const ProcessStat *middle = snapshot.find(descendants.first());
    const ProcessStat *grandchild = snapshot.find(descendants.last());
    QVERIFY(middle && grandchild);
    QCOMPARE(middle->parentPid, pid);
    QCOMPARE(grandchild->parentPid, middle->pid);
    QCOMPARE(procfs::readCommandLine(grandchild->pid).mid(1), (QStringList{u"sleep"_s, u"30"_s}));
    ::kill(pid_t(grandchild->pid), SIGKILL); // then both shells run `:` and exit
    QVERIFY(shell->waitForFinished(childTimeout));
    QVERIFY(!ProcessSnapshot::take().find(middle->pid));
}

void TestProcfs::busyChildUsesCpu()
{
    const auto shell = startShell(u"while :; do :; done"_s);
    QVERIFY(shell);
    const qint64 pid = shell->processId();
    ProcessSampler sampler;
    sampler.setInterval(200ms);
    QSignalSpy sampled(&sampler, &ProcessSampler::sampled);
    QVERIFY(sampled.isValid());
    sampler.track(pid);
    QTRY_VERIFY_WITH_TIMEOUT(sampler.sample(pid)
                                     && sampler.sample(pid)->cpuPercent.value_or(0) > 10.0,
                             childTimeout);
    QVERIFY(sampled.count() >= 2); // the first sample of a process has no CPU % yet
    QVERIFY(sampler.sample(pid)->stat.rssBytes > 0);
    QVERIFY(sampler.cpuHistory(pid).last() > 10.0);
    stop(shell.get());
    sampler.sampleNow();
    QVERIFY(!sampler.sample(pid));
    sampler.untrack(pid);
    QVERIFY(sampler.trackedPids().isEmpty());
    QVERIFY(sampler.cpuHistory(pid).isEmpty());
}

void TestProcfs::sleepingChildUsesNoCpu()
{
    const auto shell = startShell(helperCommand(u"sleep 30"_s) + u"; :"_s);
    QVERIFY(shell);
    const qint64 pid = shell->processId();
    ProcessSampler sampler;
    sampler.setInterval(100ms);
    sampler.track(pid);
    QTRY_VERIFY_WITH_TIMEOUT(sampler.descendants(pid).size() == 1
                                     && sampler.cpuHistory(sampler.descendants(pid).first()).size()
                                                >= 4,
                             childTimeout);
    const qint64 helper = sampler.descendants(pid).first();
    const std::optional<aproc::monitor::ProcessSample> sample = sampler.sample(helper);
    QVERIFY(sample && sample->cpuPercent);
    QVERIFY2(*sample->cpuPercent < 5.0, qPrintable(QString::number(*sample->cpuPercent)));
    QCOMPARE(sample->commandLine.mid(1), (QStringList{u"sleep"_s, u"30"_s}));
    QCOMPARE(sample->stat.parentPid, pid);
    QVERIFY(sampler.memoryHistory(helper).last() > 0);
    ::kill(pid_t(helper), SIGKILL);
    QTRY_VERIFY_WITH_TIMEOUT(sampler.descendants(pid).isEmpty(), childTimeout);
    QVERIFY(!sampler.sample(helper));
    stop(shell.get());
}

void TestProcfs::historyIsBounded()
{
    ProcessSampler sampler;
    sampler.track(::getpid());
    for (int i = 0; i < ProcessSampler::historyLength + 5; ++i)
        sampler.sampleNow();
    QCOMPARE(sampler.cpuHistory(::getpid()).size(), ProcessSampler::historyLength);
    QCOMPARE(sampler.memoryHistory(::getpid()).size(), ProcessSampler::historyLength);
}

QTEST_MAIN(TestProcfs)
#include "tst_monitor_procfs.moc"
