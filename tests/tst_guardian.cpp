// SPDX-License-Identifier: MIT
// The guardian (unix/guardian_p.h) against real deaths: aproc-guardian-owner starts a process
// tree, registers it and is killed with SIGKILL; the tree and the guardian must be gone soon
// after (the time is measured with pidfds and printed). In this process: the guardian starts
// only when something is guarded, holds nothing but its pipe and /dev/null, comes back when it
// was killed, and leaks no descriptor.
#include "unix/guardian_p.h"

#include <QtCore/QDeadlineTimer>
#include <QtCore/QDir>
#include <QtCore/QElapsedTimer>
#include <QtCore/QFileInfo>
#include <QtCore/QProcess>
#include <QtCore/QScopeGuard>
#include <QtTest/QtTest>

#include "support/children.h"
#include "support/fds.h"

#include <csignal>

#include <poll.h>
#include <sys/syscall.h>
#include <unistd.h>

using namespace aproc::testsupport;
namespace guardian = aproc::detail::guardian;

namespace {

// What aproc-guardian-owner printed before "ready".
struct Owner
{
    QList<qint64> pids; // the tree
    QList<qint64> guardians; // its guardians, the live one last
    qint64 group = 0;
    QByteArray cgroup;
    bool unsupported = false;
    bool ready = false;
};

// Starts the owner in \a mode and reads its lines until "ready" (or "unsupported").
Owner startOwner(QProcess &process, const QString &mode)
{
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process.start(QStringLiteral(APROC_GUARDIAN_OWNER), {mode});
    Owner owner;
    const QDeadlineTimer deadline(20000);
    while (!owner.ready && !owner.unsupported && !deadline.hasExpired()) {
        if (!process.canReadLine() && !process.waitForReadyRead(int(deadline.remainingTime())))
            break;
        while (process.canReadLine()) {
            const QByteArray line = process.readLine().trimmed();
            const QByteArray value = line.mid(line.indexOf(' ') + 1);
            if (line.startsWith("pid "))
                owner.pids.append(value.toLongLong());
            else if (line.startsWith("guardian "))
                owner.guardians.append(value.toLongLong());
            else if (line.startsWith("group "))
                owner.group = value.toLongLong();
            else if (line.startsWith("cgroup "))
                owner.cgroup = value;
            owner.unsupported = owner.unsupported || line == "unsupported";
            owner.ready = owner.ready || line == "ready";
        }
    }
    return owner;
}

// Kills \a owner with SIGKILL and gives how long until every process of \a pids had ended
// (pidfds polled for at most 5 s), in ms; -1 if some did not end.
double killAndTime(QProcess &owner, const QList<qint64> &pids)
{
    QList<pollfd> fds;
    for (const qint64 pid : pids)
        fds.append({int(::syscall(SYS_pidfd_open, pid_t(pid), 0)), POLLIN, 0});
    QElapsedTimer timer;
    timer.start();
    ::kill(pid_t(owner.processId()), SIGKILL);
    int left = 0; // a pid without a pidfd had ended already
    for (const pollfd &fd : fds)
        left += fd.fd >= 0 ? 1 : 0;
    while (left > 0 && timer.elapsed() < 5000) {
        if (::poll(fds.data(), nfds_t(fds.size()), int(5000 - timer.elapsed())) <= 0)
            continue;
        for (pollfd &fd : fds) {
            if (fd.fd >= 0 && fd.revents != 0) {
                ::close(fd.fd);
                fd.fd = -1; // poll() skips it from now on
                --left;
            }
        }
    }
    const double elapsed = double(timer.nsecsElapsed()) / 1e6;
    owner.waitForFinished();
    return left == 0 ? elapsed : -1;
}

// "fd -> target" of each descriptor of \a pid.
QStringList descriptorsOf(qint64 pid)
{
    QStringList links;
    const QString directory = QStringLiteral("/proc/%1/fd").arg(pid);
    for (const QString &fd : QDir(directory).entryList(QDir::NoDotAndDotDot | QDir::System)) {
        char target[256];
        const QByteArray link = QFile::encodeName(directory + QLatin1Char('/') + fd);
        const ssize_t length = ::readlink(link.constData(), target, sizeof target);
        links.append(fd + QStringLiteral(" -> ")
                     + QString::fromLocal8Bit(target, length > 0 ? length : 0));
    }
    return links;
}

// True when \a pid holds /dev/null as 0, 1 and 2, as 3 a pipe that this process holds too (the
// write end), and nothing else.
bool holdsOnlyOurPipe(qint64 pid)
{
    const QStringList fds = descriptorsOf(pid);
    const QString pipe = fds.value(3).section(QStringLiteral(" -> "), 1);
    const QString null = QStringLiteral(" -> /dev/null");
    return fds.size() == 4 && fds[0] == u'0' + null && fds[1] == u'1' + null
           && fds[2] == u'2' + null && pipe.startsWith(QStringLiteral("pipe:"))
           && descriptorsOf(::getpid()).filter(pipe).size() == 1;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// A child in a process group of its own, for the in-process tests.
void startGroupLeader(QProcess &child)
{
    child.setChildProcessModifier([] { ::setpgid(0, 0); });
    child.start(helper(), {QStringLiteral("sleep"), QStringLiteral("300")});
    QVERIFY(child.waitForReadyRead(10000));
}

void stop(QProcess &child)
{
    child.kill();
    child.waitForFinished();
}

} // namespace

class tst_Guardian : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void refusesWhatItCannotGuard();
    void notStartedUntilUsed();
    void treeDiesWithItsOwner_data();
    void treeDiesWithItsOwner();
    void releasedTreeOutlivesItsOwner();
    void comesBackWhenKilled();
    void leaksNoDescriptor();
};

// Nothing refused starts the guardian (notStartedUntilUsed checks it next).
void tst_Guardian::refusesWhatItCannotGuard()
{
    const QRegularExpression refusing(QStringLiteral("^guardian: refusing"));
    for (int i = 0; i < 6; ++i)
        QTest::ignoreMessage(QtWarningMsg, refusing);
    QVERIFY(!guardian::guardCgroup("relative/path"));
    QVERIFY(!guardian::guardCgroup('/' + QByteArray(3800, 'x')));
    QVERIFY(!guardian::guardProcessGroup(0));
    QVERIFY(!guardian::guardProcessGroup(1));
    QVERIFY(!guardian::guardProcessGroup(::getpgrp()));
    QVERIFY(!guardian::guardProcess(::getpid(), 0));
    guardian::releaseProcessGroup(12345); // never guarded: nothing happens
    QCOMPARE(guardian::pid(), 0);
}

// Unused, it costs nothing; used, it holds its pipe (our write end's pipe) and /dev/null only,
// has a name, a group of its own and ignores the terminal's signals.
void tst_Guardian::notStartedUntilUsed()
{
    QCOMPARE(guardian::pid(), 0);
    QProcess child;
    startGroupLeader(child);
    const auto stopChild = qScopeGuard([&child] { stop(child); });
    QVERIFY(guardian::guardProcessGroup(child.processId()));
    const qint64 pid = guardian::pid();
    QVERIFY(pid != 0);
    QVERIFY(!notRunning(pid));

    QTRY_VERIFY2(holdsOnlyOurPipe(pid), qPrintable(descriptorsOf(pid).join(u',')));
    QTRY_COMPARE(readAll(QStringLiteral("/proc/%1/comm").arg(pid)), QByteArray("aproc-guardian\n"));
    QCOMPARE(::getpgid(pid_t(pid)), pid_t(pid));
    const QByteArray status = readAll(QStringLiteral("/proc/%1/status").arg(pid));
    const qsizetype at = status.indexOf("SigIgn:\t");
    const quint64 ignored = status.mid(at + 8, 16).toULongLong(nullptr, 16);
    for (const int signo : {SIGINT, SIGQUIT, SIGHUP, SIGTSTP, SIGTTIN, SIGTTOU, SIGPIPE})
        QVERIFY2(ignored & (quint64(1) << (signo - 1)), qPrintable(QString::number(signo)));

    guardian::releaseProcessGroup(child.processId());
}

void tst_Guardian::treeDiesWithItsOwner_data()
{
    QTest::addColumn<QString>("mode");
    QTest::newRow("process group and a setsid descendant") << QStringLiteral("group");
    QTest::newRow("cgroup") << QStringLiteral("cgroup");
    QTest::newRow("guardian restarted") << QStringLiteral("restart");
}

void tst_Guardian::treeDiesWithItsOwner()
{
    QFETCH(QString, mode);
    QProcess process;
    const Owner owner = startOwner(process, mode);
    if (owner.unsupported)
        QSKIP("no writable cgroup2 hierarchy");
    QVERIFY(owner.ready);
    QCOMPARE(owner.pids.size(), 4); // the shell, two sleeps and the one that left with setsid
    QVERIFY(!owner.guardians.isEmpty());
    for (const qint64 pid : owner.pids)
        QVERIFY2(!notRunning(pid), qPrintable(QString::number(pid)));
    for (const qint64 pid : owner.guardians.first(owner.guardians.size() - 1))
        QVERIFY2(notRunning(pid), "the first guardian was killed"); // restart

    const double elapsed = killAndTime(process, owner.pids + owner.guardians);
    for (const qint64 pid : owner.pids + owner.guardians)
        QTRY_VERIFY2_WITH_TIMEOUT(notRunning(pid), qPrintable(QString::number(pid)), 5000);
    qInfo("%s: the tree and the guardian were gone %.1f ms after the owner's SIGKILL",
          qPrintable(mode), elapsed);
    QVERIFY(elapsed >= 0);
    if (!owner.cgroup.isEmpty())
        QTRY_VERIFY_WITH_TIMEOUT(!QFileInfo::exists(QString::fromLocal8Bit(owner.cgroup)), 5000);
}

// Released, the tree is not killed, nor the setsid sleep guarded with a start time not its own
// (a reused pid); the guardian still ends with its owner.
void tst_Guardian::releasedTreeOutlivesItsOwner()
{
    QProcess process;
    const Owner owner = startOwner(process, QStringLiteral("released"));
    QVERIFY(owner.ready);
    QCOMPARE(owner.pids.size(), 4);
    QCOMPARE(owner.guardians.size(), 1);
    killAndTime(process, owner.guardians);
    QTRY_VERIFY_WITH_TIMEOUT(notRunning(owner.guardians.first()), 5000);
    for (const qint64 pid : owner.pids)
        QVERIFY2(!notRunning(pid), qPrintable(QString::number(pid)));
    ::kill(pid_t(-owner.group), SIGKILL);
    for (const qint64 pid : owner.pids)
        ::kill(pid_t(pid), SIGKILL);
}

// Killed, the guardian is reaped (no zombie), and the next call starts a new one.
void tst_Guardian::comesBackWhenKilled()
{
    QProcess child;
    startGroupLeader(child);
    const auto stopChild = qScopeGuard([&child] { stop(child); });
    QVERIFY(guardian::guardProcessGroup(child.processId()));
    const qint64 first = guardian::pid();
    QVERIFY(first != 0);
    ::kill(pid_t(first), SIGKILL);
    QTRY_VERIFY(notRunning(first));
    QTRY_VERIFY(noZombie());
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("is gone, starting")));
    QVERIFY(guardian::guardProcessGroup(child.processId()));
    QVERIFY(guardian::pid() != first);
    QVERIFY(!notRunning(guardian::pid()));
    guardian::releaseProcessGroup(child.processId());
}

// The pipe's write end stays by design: counted once, in `before`, with the guardian started;
// guarding, releasing and a new guardian after a kill then leave the count as it was.
void tst_Guardian::leaksNoDescriptor()
{
    QProcess child;
    startGroupLeader(child);
    const auto stopChild = qScopeGuard([&child] { stop(child); });
    const qint64 pid = child.processId();
    QVERIFY(guardian::guardProcessGroup(pid));
    QTRY_VERIFY(noZombie());
    const int before = openFdCount();
    for (int i = 0; i < 20; ++i) {
        QVERIFY(guardian::guardProcess(pid, 1));
        QVERIFY(guardian::guardCgroup("/sys/fs/cgroup/aproc-not-there"));
        guardian::releaseProcess(pid);
        guardian::releaseCgroup("/sys/fs/cgroup/aproc-not-there");
    }
    QCOMPARE(openFdCount(), before);
    const qint64 first = guardian::pid();
    ::kill(pid_t(first), SIGKILL);
    QTRY_VERIFY(notRunning(first));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("is gone, starting")));
    QVERIFY(guardian::guardProcess(pid, 1));
    QVERIFY(guardian::pid() != first);
    QTRY_COMPARE(openFdCount(), before); // once the old one is reaped
    guardian::releaseProcess(pid);
    guardian::releaseProcessGroup(pid);
}

QTEST_GUILESS_MAIN(tst_Guardian)
#include "tst_guardian.moc"
