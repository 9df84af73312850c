// SPDX-License-Identifier: MIT
// The real aproc-monitor binary running a Procfile session, killed with SIGKILL: no process it
// started, nor anything those started (also what called setsid), outlives it.
#include "../support/children.h"
#include "processes/procfs.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QFile>
#include <QtCore/QProcess>
#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

#include <csignal>

#include <sys/types.h>

using namespace Qt::StringLiterals;
using aproc::monitor::ProcessSnapshot;
using aproc::monitor::ProcessStat;

namespace {
constexpr int startTimeout = 30000;

/*! The processes below \a pid now, as /proc shows them. */
QList<ProcessStat> descendantsOf(qint64 pid)
{
    const ProcessSnapshot snapshot = ProcessSnapshot::take();
    QList<ProcessStat> found;
    for (const qint64 descendant : snapshot.descendants(pid)) {
        if (const ProcessStat *stat = snapshot.find(descendant))
            found.append(*stat);
    }
    return found;
}

qsizetype countNamed(const QList<ProcessStat> &processes, const QString &name)
{
    return std::count_if(processes.cbegin(), processes.cend(),
                         [&name](const ProcessStat &stat) { return stat.name == name; });
}

/*! Those of \a processes that still run, as "pid name". */
QStringList survivors(const QList<ProcessStat> &processes)
{
    QStringList running;
    for (const ProcessStat &stat : processes) {
        if (!aproc::testsupport::notRunning(stat.pid))
            running.append(u"%1 %2"_s.arg(stat.pid).arg(stat.name));
    }
    return running;
}

/*! The monitor's environment: offscreen, its settings in \a home. */
QProcessEnvironment monitorEnvironment(const QString &home)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    for (const QString &name :
         {u"XDG_CONFIG_HOME"_s, u"XDG_DATA_HOME"_s, u"XDG_STATE_HOME"_s, u"XDG_CACHE_HOME"_s})
        environment.insert(name, home + u'/' + name);
    return environment;
}
} // namespace

class tst_MonitorDieWithMonitor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void killedMonitorLeavesNoDescendant();
};

void tst_MonitorDieWithMonitor::killedMonitorLeavesNoDescendant()
{
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    const QString procfile = directory.filePath(u"Procfile"_s);
    QFile file(procfile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("web: python3 -m http.server 0 --bind 127.0.0.1\n"
               "worker: sh -c 'setsid sleep 300 & sleep 300'\n");
    file.close();

    QProcess monitor;
    monitor.setProcessEnvironment(monitorEnvironment(directory.path()));
    monitor.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    monitor.start(QStringLiteral(APROC_MONITOR), {u"--procfile"_s, procfile});
    QVERIFY2(monitor.waitForStarted(startTimeout), qPrintable(monitor.errorString()));
    const qint64 monitorPid = monitor.processId();

    // The http server and both sleeps, one of them in a session of its own.
    QList<ProcessStat> tree;
    QTRY_VERIFY_WITH_TIMEOUT(
            (tree = descendantsOf(monitorPid),
             countNamed(tree, u"python3"_s) >= 1 && countNamed(tree, u"sleep"_s) >= 2),
            startTimeout);
    // Whatever the assertions say, nothing of the tree is left behind by this test.
    const auto cleanUp = qScopeGuard([&] {
        for (const ProcessStat &stat : std::as_const(tree)) {
            const std::optional<ProcessStat> now = aproc::monitor::procfs::readStat(stat.pid);
            if (now && now->startTicks == stat.startTicks)
                ::kill(pid_t(stat.pid), SIGKILL);
        }
    });

    QElapsedTimer clock;
    clock.start();
    QCOMPARE(::kill(pid_t(monitorPid), SIGKILL), 0);
    QVERIFY(monitor.waitForFinished(startTimeout));
    QTRY_VERIFY2_WITH_TIMEOUT(survivors(tree).isEmpty(),
                              qPrintable(u"still running: "_s + survivors(tree).join(u", "_s)),
                              5000);
    qInfo("the monitor's %lld descendants were gone %lld ms after its SIGKILL", qint64(tree.size()),
          clock.elapsed());
}

QTEST_MAIN(tst_MonitorDieWithMonitor)
#include "tst_monitor_diewithmonitor.moc"
