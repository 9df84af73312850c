// SPDX-License-Identifier: MIT
// ProcessOptions::containment: a child's whole tree, however its processes leave the child's
// group (setsid, a double fork), is found, stopped, killed and measured, under both means (a
// cgroup of its own, and the process group tracked from /proc as a subreaper), each forced here,
// and with both child watchers (ctest runs the suite twice). Nothing is left: no process, no
// zombie, no descriptor, no cgroup; a QProcess child beside the trees keeps its exit status.
#include <aproc/containment.h>
#include <aproc/errors.h>
#include <aproc/process.h>
#include <aproc/sleep.h>
#include <aproc/streamreader.h>
#include <aproc/streamwriter.h>
#include <aproc/testing.h>

#include "support/children.h"
#include "support/fds.h"
#include "support/yield.h"

#include <QtCore/QDir>
#include <QtCore/QProcess>
#include <QtTest/QtTest>

#include <csignal>
#include <unistd.h>

using namespace aproc;
using namespace aproc::testsupport;
using namespace std::chrono_literals;

namespace {

ProcessOptions contained(ContainmentMeans means)
{
    return ProcessOptions{.stdoutMode = PIPE, .containment = Containment{.means = means}};
}

// Reads one pid per line until a line "ready".
Task<QList<qint64>> readPids(Process &process)
{
    QList<qint64> pids;
    for (;;) {
        const QByteArray line = co_await process.standardOutput()->readline();
        if (line.isEmpty() || line.trimmed() == "ready")
            co_return pids;
        pids.append(line.trimmed().toLongLong());
    }
}

// QTRY_VERIFY's way inside a coroutine: checks every 5 ms, for at most \a timeout.
template<typename F> Task<bool> eventually(F condition, std::chrono::milliseconds timeout = 10s)
{
    QElapsedTimer timer;
    timer.start();
    while (!condition() && timer.elapsed() < timeout.count())
        co_await sleep(5ms);
    co_return condition();
}

bool allGone(const QList<qint64> &pids)
{
    return std::all_of(pids.begin(), pids.end(), [](qint64 pid) { return notRunning(pid); });
}

// The /proc/PID/stat lines of those of \a pids that still run, for a failure message.
QByteArray running(const QList<qint64> &pids)
{
    QByteArray text;
    for (const qint64 pid : pids) {
        QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!notRunning(pid) && stat.open(QIODevice::ReadOnly))
            text += stat.readAll().left(60) + "; ";
    }
    return text + "test " + QByteArray::number(::getpid());
}

qint64 sessionOf(qint64 pid)
{
    return ::getsid(pid_t(pid));
}

// A grandchild that left the child's session and group: stop() ends it too, and returns only
// once it is gone.
Task<void> setsidGrandchildIsStopped(ContainmentMeans means)
{
    auto shell = co_await createSubprocessShell(
            QStringLiteral("setsid sleep 300 & echo $!; echo ready; wait"), contained(means));
    APROC_COMPARE(shell->containment(), means);
    const QList<qint64> pids = co_await readPids(*shell);
    APROC_COMPARE(pids.size(), 1);
    const bool leftTheSession = co_await eventually([&] { return sessionOf(pids[0]) == pids[0]; });
    APROC_VERIFY(leftTheSession);
    APROC_VERIFY(shell->descendants().contains(pids[0]));
    const int returncode = co_await shell->stop(5s);
    APROC_COMPARE(returncode, -SIGTERM);
    APROC_VERIFY(notRunning(pids[0]));
    APROC_VERIFY(shell->descendants().isEmpty());
    APROC_VERIFY(noZombie());
}

// A double fork: the daemon's parent exits at once, so the daemon is an orphan (of init, or of
// the child as a subreaper) in a session of its own.
Task<void> doubleForkedDaemonIsStopped(ContainmentMeans means)
{
    auto shell = co_await createSubprocessShell(
            QStringLiteral("(setsid sleep 300 & echo $!); echo ready; exec sleep 300"),
            contained(means));
    const QList<qint64> pids = co_await readPids(*shell);
    APROC_COMPARE(pids.size(), 1);
    APROC_VERIFY(shell->descendants().contains(pids[0]));
    co_await shell->stop(5s);
    APROC_VERIFY(notRunning(pids[0]));
    APROC_VERIFY(noZombie());
}

Task<void> treeOfFiftyIsStopped(ContainmentMeans means)
{
    auto shell = co_await createSubprocessShell(
            QStringLiteral("for i in $(seq 50); do sleep 300 & echo $!; done; echo ready; wait"),
            contained(means));
    const QList<qint64> pids = co_await readPids(*shell);
    APROC_COMPARE(pids.size(), 50);
    const QList<qint64> descendants = shell->descendants();
    for (const qint64 pid : pids)
        APROC_VERIFY2(descendants.contains(pid), qPrintable(QString::number(pid)));
    APROC_COMPARE(shell->treeUsage().pids.size(), 51);
    co_await shell->stop(5s);
    APROC_VERIFY2(allGone(pids), running(pids).constData());
    APROC_VERIFY(noZombie());
}

// The child dies of SIGTERM; a descendant that ignores it gets SIGKILL once the grace is over,
// and stop() returns after that.
Task<void> termIgnoringDescendantIsKilledAfterTheGrace(ContainmentMeans means)
{
    auto shell = co_await createSubprocessShell(
            QStringLiteral("sh -c 'trap \"\" TERM; exec sleep 300' & echo $!; echo ready; wait"),
            contained(means));
    const QList<qint64> pids = co_await readPids(*shell);
    APROC_COMPARE(pids.size(), 1);
    const bool ignoring = co_await eventually([&] {
        QFile status(QStringLiteral("/proc/%1/status").arg(pids[0]));
        if (!status.open(QIODevice::ReadOnly))
            return false;
        for (const QByteArray &line : status.readAll().split('\n')) {
            if (line.startsWith("SigIgn:"))
                return ((line.mid(7).trimmed().toULongLong(nullptr, 16) >> (SIGTERM - 1)) & 1) != 0;
        }
        return false;
    });
    APROC_VERIFY(ignoring);
    const int returncode = co_await shell->stop(200ms);
    APROC_COMPARE(returncode, -SIGTERM);
    APROC_VERIFY(notRunning(pids[0]));
    APROC_VERIFY(noZombie());
}

// kill() reaches the whole tree; waitForTree() says when the last process is gone.
Task<void> killEndsTheWholeTree(ContainmentMeans means)
{
    auto shell = co_await createSubprocessShell(
            QStringLiteral("setsid sleep 300 & echo $!; sleep 300 & echo $!; echo ready; wait"),
            contained(means));
    const QList<qint64> pids = co_await readPids(*shell);
    APROC_COMPARE(pids.size(), 2);
    shell->kill();
    const int returncode = co_await shell->waitForTree();
    APROC_COMPARE(returncode, -SIGKILL);
    APROC_VERIFY2(allGone(pids), running(pids).constData());
    APROC_VERIFY(noZombie());
}

// sendSignalToGroup() reaches a descendant that left the group.
Task<void> groupSignalReachesTheDescendantThatLeft(ContainmentMeans means)
{
    auto shell = co_await createSubprocessShell(
            QStringLiteral("setsid sleep 300 & echo $!; echo ready; wait"), contained(means));
    const QList<qint64> pids = co_await readPids(*shell);
    APROC_COMPARE(pids.size(), 1);
    shell->sendSignalToGroup(SIGTERM);
    co_await shell->waitForTree();
    APROC_VERIFY(notRunning(pids[0]));
    APROC_VERIFY(noZombie());
}

// After the child exited, its descendants are still the tree's: they are found, measured and
// stopped.
Task<void> descendantsOutliveTheChild(ContainmentMeans means)
{
    auto shell = co_await createSubprocessShell(
            QStringLiteral("setsid sleep 300 & echo $!; sleep 300 & echo $!; echo ready"),
            contained(means));
    const QList<qint64> pids = co_await readPids(*shell);
    APROC_COMPARE(pids.size(), 2);
    APROC_COMPARE(co_await shell->wait(), 0);
    QList<qint64> descendants = shell->descendants();
    std::sort(descendants.begin(), descendants.end());
    QList<qint64> expected = pids;
    std::sort(expected.begin(), expected.end());
    APROC_VERIFY2(descendants == expected, running(pids).constData());
    APROC_COMPARE(shell->treeUsage().pids.size(), 2);
    APROC_COMPARE(co_await shell->stop(5s), 0);
    APROC_VERIFY2(allGone(pids), running(pids).constData());
    APROC_VERIFY(noZombie());
}

// A descendant that holds none of the child's pipes keeps running after the child exited and
// its output was done (the transport closed itself, PT-14), still part of the tree, until
// stop().
Task<void> detachedDescendantRunsUntilStopped(ContainmentMeans means)
{
    auto shell = co_await createSubprocessShell(
            QStringLiteral("setsid sh -c 'exec sleep 300' </dev/null >/dev/null 2>&1 & echo $!"),
            contained(means));
    QSignalSpy finished(shell.get(), &Process::finished);
    const QByteArray output = co_await shell->standardOutput()->read();
    const qint64 daemon = output.trimmed().toLongLong();
    const bool done = co_await eventually([&] { return finished.count() == 1; });
    APROC_VERIFY(done);
    APROC_VERIFY(!notRunning(daemon));
    APROC_COMPARE(shell->descendants(), QList<qint64>{daemon});
    co_await shell->stop(5s);
    APROC_VERIFY(notRunning(daemon));
}

// Destroying the Process ends what is left of its tree (D4 for the whole tree).
Task<void> destroyingTheProcessEndsTheTree(ContainmentMeans means)
{
    auto shell = co_await createSubprocessShell(
            QStringLiteral("setsid sleep 300 & echo $!; echo ready; wait"), contained(means));
    const QList<qint64> pids = co_await readPids(*shell);
    APROC_COMPARE(pids.size(), 1);
    shell.reset();
    const bool gone = co_await eventually([&] { return allGone(pids) && noZombie(); });
    APROC_VERIFY(gone);
}

// The tree's CPU time and memory: a descendant's work counts.
Task<void> treeUsageCountsTheDescendants(ContainmentMeans means)
{
    auto shell = co_await createSubprocessShell(
            QStringLiteral("sh -c 'i=0; while [ $i -lt 400000 ]; do i=$((i+1)); done; "
                           "echo ready; exec sleep 300' & wait"),
            contained(means));
    co_await readPids(*shell);
    const TreeUsage usage = shell->treeUsage();
    APROC_COMPARE(usage.means, means);
    APROC_COMPARE(usage.pids.size(), 2);
    APROC_COMPARE(usage.pids.first(), shell->pid());
    APROC_VERIFY2(usage.cpuTime >= 20ms, qPrintable(QString::number(usage.cpuTime.count())));
    APROC_VERIFY(usage.memoryBytes > 0);
    co_await shell->stop(5s);
}

// A QProcess child started beside a contained tree keeps its exit status: the tree never takes
// it for one of its orphans, even as a subreaper.
Task<void> qprocessKeepsItsExitStatus(ContainmentMeans means)
{
    QProcess qprocess;
    qprocess.start(QStringLiteral("/bin/sh"),
                   {QStringLiteral("-c"), QStringLiteral("read x; exit 7")});
    APROC_VERIFY(qprocess.waitForStarted());
    auto shell = co_await createSubprocessShell(
            QStringLiteral("setsid sleep 300 & echo $!; echo ready"), contained(means));
    const QList<qint64> pids = co_await readPids(*shell);
    co_await shell->wait();
    shell->descendants(); // the tree looks for the orphans it left
    co_await shell->stop(5s);
    APROC_VERIFY2(allGone(pids), running(pids).constData());
    qprocess.write("\n");
    qprocess.closeWriteChannel();
    APROC_VERIFY(qprocess.waitForFinished(10000));
    APROC_COMPARE(qprocess.exitStatus(), QProcess::NormalExit);
    APROC_COMPARE(qprocess.exitCode(), 7);
}

// Many QProcess children exit, and sit as zombies, while a tree whose child died looks for the
// orphans it left among this process's children: none of them is taken, every exit code is
// QProcess's.
Task<void> qprocessZombiesAreNeverAdopted(ContainmentMeans means)
{
    constexpr int Count = 8;
    // Started after the tree's child, so that start times cannot tell them from its orphans.
    auto shell = co_await createSubprocessShell(
            QStringLiteral("read x; setsid sleep 300 & echo $!; echo ready"),
            ProcessOptions{.stdinMode = PIPE,
                           .stdoutMode = PIPE,
                           .containment = Containment{.means = means}});
    std::vector<std::unique_ptr<QProcess>> qprocesses;
    QList<int> codes(Count, -1);
    for (int i = 0; i < Count; ++i) {
        auto qprocess = std::make_unique<QProcess>();
        QObject::connect(qprocess.get(), &QProcess::finished,
                         [&codes, i](int code, QProcess::ExitStatus status) {
                             codes[i] = status == QProcess::NormalExit ? code : -1000;
                         });
        qprocess->start(QStringLiteral("/bin/sh"),
                        {QStringLiteral("-c"), QStringLiteral("read x; exit %1").arg(100 + i)});
        APROC_VERIFY(qprocess->waitForStarted());
        qprocesses.push_back(std::move(qprocess));
    }
    shell->standardInput()->write("go\n");
    const QList<qint64> pids = co_await readPids(*shell);
    co_await shell->wait();
    QList<qint64> qprocessPids;
    for (const auto &qprocess : qprocesses)
        qprocessPids.append(qprocess->processId());
    for (int i = 0; i < Count; ++i) {
        const QList<qint64> descendants = shell->descendants();
        for (const qint64 pid : std::as_const(qprocessPids))
            APROC_VERIFY2(!descendants.contains(pid), qPrintable(QString::number(pid)));
        qprocesses[size_t(i)]->write("\n");
        qprocesses[size_t(i)]->closeWriteChannel();
        const qint64 pid = qprocesses[size_t(i)]->processId();
        // The QProcess child becomes a zombie before QProcess reaps it: the tree looks at this
        // process's children meanwhile, several times.
        const bool zombie = co_await eventually([&] {
            shell->descendants();
            return codes[i] != -1 || notRunning(pid);
        });
        APROC_VERIFY(zombie);
        shell->descendants();
    }
    const bool allFinished = co_await eventually([&] {
        return std::all_of(codes.begin(), codes.end(), [](int code) { return code != -1; });
    });
    APROC_VERIFY(allFinished);
    for (int i = 0; i < Count; ++i)
        APROC_COMPARE(codes[i], 100 + i);
    APROC_COMPARE(shell->descendants(), pids);
    co_await shell->stop(5s);
    APROC_VERIFY(allGone(pids));
}

// Nothing is left behind: no descriptor, no cgroup directory.
Task<void> nothingIsLeft(ContainmentMeans means)
{
    const int fdsBefore = openFdCount();
    auto shell = co_await createSubprocessShell(
            QStringLiteral("setsid sleep 300 & echo $!; echo ready; wait"), contained(means));
    co_await readPids(*shell);
    co_await shell->stop(5s);
    shell.reset();
    co_await yieldTimes(3);
    APROC_COMPARE(openFdCount(), fdsBefore);
    const QString sessions = containmentInfo().cgroupDirectory;
    if (means == ContainmentMeans::Cgroup) {
        // A few empty cgroups are kept for the next children; none holds a process.
        const QStringList left = QDir(sessions).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        APROC_VERIFY2(left.size() <= 4, qPrintable(left.join(QLatin1Char(' '))));
        for (const QString &name : left) {
            QFile procs(sessions + QLatin1Char('/') + name + QStringLiteral("/cgroup.procs"));
            APROC_VERIFY(procs.open(QIODevice::ReadOnly));
            APROC_COMPARE(procs.readAll(), QByteArray());
        }
    }
}

// ExitDrain::killHolders on a contained child: when the grace expires, the whole tree ends,
// also a descendant that holds no pipe.
Task<void> drainGraceKillsTheContainedTree(ContainmentMeans means)
{
    ProcessOptions options = contained(means);
    options.exitDrain = ExitDrain{.grace = 200ms, .killHolders = true};
    auto shell = co_await createSubprocessShell(
            QStringLiteral("sleep 300 & echo $!; "
                           "setsid sh -c 'exec sleep 300' </dev/null >/dev/null 2>&1 & echo $!; "
                           "echo ready"),
            options);
    const QList<qint64> pids = co_await readPids(*shell);
    APROC_COMPARE(pids.size(), 2);
    const Communicated output = co_await shell->communicate();
    APROC_COMPARE(output.outputHeldBy, QStringList(QStringLiteral("%1 sleep 300").arg(pids[0])));
    co_await shell->waitForTree();
    APROC_VERIFY2(allGone(pids), running(pids).constData());
}

Task<void> noneIsRefused()
{
    const QStringList before = children();
    APROC_VERIFY_THROWS(co_await createSubprocessExec(helper(), args("exit", "0"),
                                                      contained(ContainmentMeans::None)),
                        ValueError);
    APROC_COMPARE(children(), before);
}

// The process-group means needs a group of the child's own.
Task<void> joiningAnotherGroupIsRefused()
{
    ProcessOptions options = contained(ContainmentMeans::ProcessGroup);
    options.processGroup = ::getpgrp();
    APROC_VERIFY_THROWS(co_await createSubprocessExec(helper(), args("exit", "0"), options),
                        ValueError);
}

// kill -9 of a program that owns contained trees with dieWithParent: every process of them
// is gone soon after (the guardian kills them when the owner's pipe reaches EOF).
void treesDieWithTheirOwnerOnSigkill(ContainmentMeans means)
{
    QProcess owner;
    owner.start(QStringLiteral(APROC_TREE_OWNER),
                {means == ContainmentMeans::Cgroup ? QStringLiteral("cgroup")
                                                   : QStringLiteral("process-group")});
    QVERIFY(owner.waitForStarted());
    QList<qint64> pids;
    QByteArray output;
    QTRY_VERIFY_WITH_TIMEOUT((output += owner.readAllStandardOutput()).contains("ready\n"), 10000);
    for (const QByteArray &line : output.split('\n')) {
        if (!line.isEmpty() && line != "ready")
            pids.append(line.toLongLong());
    }
    QCOMPARE(pids.size(), 3 + 1 + 1 + 10);
    QVERIFY(!allGone(pids));
    QElapsedTimer sinceKill;
    sinceKill.start();
    ::kill(pid_t(owner.processId()), SIGKILL);
    QVERIFY(owner.waitForFinished(10000));
    QTRY_VERIFY2_WITH_TIMEOUT(allGone(pids), running(pids).constData(), 5000);
    qInfo("all %lld processes of the trees gone %lld ms after the SIGKILL",
          static_cast<long long>(pids.size()), static_cast<long long>(sinceKill.elapsed()));
}

bool cgroupAvailable()
{
    return containmentInfo().means == ContainmentMeans::Cgroup;
}

} // namespace

Q_DECLARE_METATYPE(aproc::ContainmentMeans)

class tst_Containment : public QObject
{
    Q_OBJECT

private:
    static void bothMeans()
    {
        QTest::addColumn<ContainmentMeans>("means");
        QTest::newRow("cgroup") << ContainmentMeans::Cgroup;
        QTest::newRow("process-group") << ContainmentMeans::ProcessGroup;
    }

#define APROC_BOTH_MEANS(name)                                                                     \
    void name##_data()                                                                             \
    {                                                                                              \
        bothMeans();                                                                               \
    }                                                                                              \
    void name()                                                                                    \
    {                                                                                              \
        QFETCH(ContainmentMeans, means);                                                           \
        if (means == ContainmentMeans::Cgroup && !cgroupAvailable())                               \
            QSKIP(qPrintable(containmentInfo().reason));                                           \
        APROC_RUN(::name(means));                                                                  \
    }

private Q_SLOTS:
    void initTestCase()
    {
        qInfo("containment: %s", qPrintable(containmentInfo().reason));
    }
    APROC_BOTH_MEANS(setsidGrandchildIsStopped)
    APROC_BOTH_MEANS(doubleForkedDaemonIsStopped)
    APROC_BOTH_MEANS(treeOfFiftyIsStopped)
    APROC_BOTH_MEANS(termIgnoringDescendantIsKilledAfterTheGrace)
    APROC_BOTH_MEANS(killEndsTheWholeTree)
    APROC_BOTH_MEANS(groupSignalReachesTheDescendantThatLeft)
    APROC_BOTH_MEANS(descendantsOutliveTheChild)
    APROC_BOTH_MEANS(detachedDescendantRunsUntilStopped)
    APROC_BOTH_MEANS(destroyingTheProcessEndsTheTree)
    APROC_BOTH_MEANS(treeUsageCountsTheDescendants)
    APROC_BOTH_MEANS(qprocessKeepsItsExitStatus)
    APROC_BOTH_MEANS(qprocessZombiesAreNeverAdopted)
    APROC_BOTH_MEANS(nothingIsLeft)
    APROC_BOTH_MEANS(drainGraceKillsTheContainedTree)
    void treesDieWithTheirOwnerOnSigkill_data()
    {
        bothMeans();
    }
    void treesDieWithTheirOwnerOnSigkill()
    {
        QFETCH(ContainmentMeans, means);
        if (means == ContainmentMeans::Cgroup && !cgroupAvailable())
            QSKIP(qPrintable(containmentInfo().reason));
        ::treesDieWithTheirOwnerOnSigkill(means);
    }
    void noneIsRefused()
    {
        APROC_RUN(::noneIsRefused());
    }
    void joiningAnotherGroupIsRefused()
    {
        APROC_RUN(::joiningAnotherGroupIsRefused());
    }
    void infoNamesTheMeansAndWhy()
    {
        const ContainmentInfo info = containmentInfo();
        QVERIFY(!info.reason.isEmpty());
        QCOMPARE(info.name, info.means == ContainmentMeans::Cgroup
                                    ? QStringLiteral("cgroup")
                                    : QStringLiteral("process-group"));
        if (info.means == ContainmentMeans::Cgroup)
            QVERIFY(QDir(info.cgroupDirectory).exists());
        qputenv("APROC_CONTAINMENT", "process-group");
        const ContainmentInfo forced = containmentInfo();
        qunsetenv("APROC_CONTAINMENT");
        QCOMPARE(forced.means, ContainmentMeans::ProcessGroup);
        QVERIFY(forced.reason.contains(QStringLiteral("APROC_CONTAINMENT")));
    }
};

QTEST_GUILESS_MAIN(tst_Containment)
#include "tst_containment.moc"
