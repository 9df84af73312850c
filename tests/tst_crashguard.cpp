// SPDX-License-Identifier: MIT
// killChildGroupsOnCrash() against a real crash: aproc-crash-helper starts a shell with two
// background sleeps in a group of its own (dieWithParent), prints their pids and aborts. With
// the guard the sleeps die with it; without it (the control) dieWithParent ends only the shell
// and the sleeps live on as orphans.
#include <aproc/process.h>
#include <aproc/streamreader.h>
#include <aproc/testing.h>

#include <QtCore/QFile>
#include <QtTest/QtTest>

#include "support/children.h"

#include <csignal>

using namespace aproc;
using namespace aproc::testsupport;

namespace {

// Runs the helper, puts the pids it printed in \a pids and checks that it died of SIGABRT.
Task<void> crashHelper(QStringList arguments, QList<qint64> *pids)
{
    ProcessOptions options;
    options.stdoutMode = PIPE;
    auto helper
            = co_await createSubprocessExec(QStringLiteral(APROC_CRASH_HELPER), arguments, options);
    for (;;) {
        const QByteArray line = co_await helper->standardOutput()->readline();
        if (line.isEmpty())
            break;
        pids->append(line.trimmed().toLongLong());
    }
    APROC_COMPARE(co_await helper->wait(), -SIGABRT);
}

} // namespace

class tst_CrashGuard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void crashEndsTheChildrenGroups();
    void withoutTheGuardTheyOutliveIt();
};

void tst_CrashGuard::crashEndsTheChildrenGroups()
{
    QList<qint64> pids;
    APROC_RUN(crashHelper({}, &pids));
    QCOMPARE(pids.size(), 2);
    for (const qint64 pid : pids)
        QTRY_VERIFY2_WITH_TIMEOUT(notRunning(pid), qPrintable(QString::number(pid)), 10000);
}

// The control: the same tree outlives a crash without the guard (then the test ends it).
void tst_CrashGuard::withoutTheGuardTheyOutliveIt()
{
    QList<qint64> pids;
    APROC_RUN(crashHelper({QStringLiteral("--no-guard")}, &pids));
    QCOMPARE(pids.size(), 2);
    for (const qint64 pid : pids) {
        QVERIFY2(!notRunning(pid), qPrintable(QString::number(pid)));
        ::kill(pid_t(pid), SIGKILL);
    }
}

QTEST_GUILESS_MAIN(tst_CrashGuard)
#include "tst_crashguard.moc"
