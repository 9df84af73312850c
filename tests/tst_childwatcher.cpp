// SPDX-License-Identifier: MIT
// The child watcher (lib/src/unix/childwatcher_p.h) against real children of the test helper,
// started here with posix_spawn: exit statuses (WT-03, SG-04, CW-08), early and simultaneous
// exits (WT-05), children reaped by someone else (D5), signals after reaping (SG-05), resource
// usage, QProcess and an application's SIGCHLD handler in the same process, loops in threads,
// teardown (D4) and no zombie. ctest runs it with APROC_CHILD_WATCHER=pidfd and =sigchld; rows
// marked "no pidfd" take the SIGCHLD path under either.
#include <aproc/childwatcher.h>
#include <aproc/eventloop.h>
#include <aproc/resourceusage.h>

#include "unix/childwatcher_p.h"

#include <QtCore/QMutex>
#include <QtCore/QProcess>
#include <QtCore/QThread>
#include <QtTest/QtTest>

#include <atomic>
#include <csignal>
#include <fcntl.h>
#include <memory>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

using namespace aproc;
using aproc::detail::ChildWatcher;
using aproc::detail::UniqueFd;

namespace {

// Set in a second run of this program (sigchldIgnoredFromTheStart): SIGCHLD is SIG_IGN from the
// start, before Aproc installs anything.
constexpr char IgnoreSigchldVariable[] = "TST_CHILDWATCHER_IGNORE_SIGCHLD";

constexpr int LongTimeoutMs = 60000; // many children at once, under load or a sanitizer

// Counted by signal handlers, which may run on any thread at once: a lock-free atomic rather
// than a volatile sig_atomic_t (both are async-signal-safe; only the atomic is race-free).
std::atomic<int> g_applicationSigchlds{0};
std::atomic<int> g_usr2Received{0};
static_assert(std::atomic<int>::is_always_lock_free);

extern "C" void countApplicationSigchld(int)
{
    ++g_applicationSigchlds;
}

extern "C" void countUsr2(int)
{
    ++g_usr2Received;
}

struct Spawned
{
    qint64 pid = -1;
    UniqueFd pidfd;
};

/*! Starts the test helper with \a args, stdout on /dev/null, and opens its pidfd. */
Spawned spawnHelper(const QList<QByteArray> &args)
{
    QList<QByteArray> storage{QByteArrayLiteral(APROC_TEST_HELPER)};
    storage += args;
    std::vector<char *> argv;
    for (QByteArray &arg : storage)
        argv.push_back(arg.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    pid_t pid = -1;
    const int error = posix_spawn(&pid, APROC_TEST_HELPER, &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (error != 0)
        return {};
    return {pid, UniqueFd(int(::syscall(SYS_pidfd_open, pid, 0)))};
}

/*! Blocks until \a pid has exited, leaving it a zombie for the watcher to reap. */
bool waitUntilExited(qint64 pid)
{
    siginfo_t info = {};
    while (::waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) != 0) {
        if (errno != EINTR)
            return false;
    }
    return true;
}

/*! True once \a pid was reaped (by anyone): waitid() no longer knows it. */
bool isReaped(qint64 pid)
{
    siginfo_t info = {};
    return ::waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) != 0 && errno == ECHILD;
}

/*! True when no child of this process is a zombie. */
bool noZombie()
{
    siginfo_t info = {};
    if (::waitid(P_ALL, 0, &info, WEXITED | WNOHANG | WNOWAIT) != 0)
        return errno == ECHILD; // no child at all
    return info.si_pid == 0;
}

/*! What an exit callback saw. */
struct Outcome
{
    std::atomic<int> calls{0};
    ChildWatcher::Exit exit;
    QThread *thread = nullptr;
};

ChildWatcher::ExitCallback record(const std::shared_ptr<Outcome> &outcome)
{
    return [outcome](const ChildWatcher::Exit &exit) {
        outcome->exit = exit;
        outcome->thread = QThread::currentThread();
        ++outcome->calls;
    };
}

ChildWatcher *watcher()
{
    return ChildWatcher::forLoop(EventLoop::current());
}

/*! Watches \a child by its pidfd, or without one (through SIGCHLD) when \a byPidfd is false. */
std::shared_ptr<Outcome> watch(Spawned &child, bool byPidfd)
{
    auto outcome = std::make_shared<Outcome>();
    watcher()->watch(child.pid, byPidfd ? std::move(child.pidfd) : UniqueFd(), record(outcome));
    return outcome;
}

/*! Becomes true after two more loop iterations. */
std::shared_ptr<bool> afterTwoIterations()
{
    auto done = std::make_shared<bool>(false);
    EventLoop *loop = EventLoop::current();
    loop->callSoon([loop, done] { loop->callSoon([done] { *done = true; }); });
    return done;
}

/*! Counts D5's warning, and hides the once-a-process "handler replaced" one. */
std::atomic<int> g_foreignWarnings{0};
QtMessageHandler g_previousMessageHandler = nullptr;

void countingMessageHandler(QtMsgType type, const QMessageLogContext &context, const QString &text)
{
    if (type == QtWarningMsg && qstrcmp(context.category, "aproc.process") == 0) {
        if (text.startsWith(QLatin1String("Unknown child process pid")))
            ++g_foreignWarnings;
        else if (text.contains(QLatin1String("SIGCHLD handler was replaced")))
            return;
    }
    g_previousMessageHandler(type, context, text);
}

const QRegularExpression &foreignWarning()
{
    static const QRegularExpression pattern(
            QStringLiteral("^Unknown child process pid \\d+, will report returncode 255"));
    return pattern;
}

/*! A QThread running a Qt event loop; run() gives the thread's Aproc loop to \a atStart. */
class LoopThread : public QThread
{
public:
    explicit LoopThread(std::function<void()> atStart, bool runEvents = true)
        : m_atStart(std::move(atStart)), m_runEvents(runEvents)
    { }
    ~LoopThread() override
    {
        quit();
        wait();
    }

protected:
    void run() override
    {
        EventLoop::current();
        m_atStart();
        if (m_runEvents)
            exec();
    }

private:
    std::function<void()> m_atStart;
    bool m_runEvents;
};

} // namespace

class tst_ChildWatcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void info();
    void exitStatus_data();
    void exitStatus();
    void killedBySendSignal_data();
    void killedBySendSignal();
    void exitedBeforeWatch_data();
    void exitedBeforeWatch();
    void simultaneousExits_data();
    void simultaneousExits();
    void reapedBySomeoneElse_data();
    void reapedBySomeoneElse();
    void sendSignalAfterReap_data();
    void sendSignalAfterReap();
    void spuriousWakeup_data();
    void spuriousWakeup();
    void resourceUsage_data();
    void resourceUsage();
    void applicationHandlerStillCalled();
    void coexistsWithQProcess();
    void loopsInTwoThreads();
    void teardownReaps();
    void sigchldIgnoredBySomeoneElse();
    void sigchldIgnoredFromTheStart();
    void cleanupTestCase();

private:
    void addWatchRows();
};

void tst_ChildWatcher::initTestCase()
{
    QVERIFY(QFileInfo(QStringLiteral(APROC_TEST_HELPER)).isExecutable());
    const struct rlimit noCore = {0, 0}; // abort() rows: no core dumps
    QCOMPARE(::setrlimit(RLIMIT_CORE, &noCore), 0);
    // The application's own handler, installed before Aproc's: it must keep being called.
    struct sigaction action = {};
    const bool ignore = qEnvironmentVariableIsSet(IgnoreSigchldVariable);
    action.sa_handler = ignore ? SIG_IGN : countApplicationSigchld;
    action.sa_flags = SA_RESTART | SA_NOCLDSTOP;
    sigemptyset(&action.sa_mask);
    QCOMPARE(::sigaction(SIGCHLD, &action, nullptr), 0);
    action.sa_handler = countUsr2;
    QCOMPARE(::sigaction(SIGUSR2, &action, nullptr), 0);
}

void tst_ChildWatcher::info()
{
    // The diagnostic names the watcher and why; the ctest .sigchld variant must say "sigchld".
    const ChildWatcherInfo info = childWatcherInfo();
    const QByteArray forced = qgetenv("APROC_CHILD_WATCHER");
    QVERIFY2(!info.reason.isEmpty(), qPrintable(info.name));
    if (forced == "sigchld") {
        QCOMPARE(info.name, QStringLiteral("sigchld"));
        QVERIFY2(info.reason.contains(QLatin1String("APROC_CHILD_WATCHER")),
                 qPrintable(info.reason));
        QCOMPARE(watcher()->kind(), ChildWatcher::Kind::Sigchld);
        return;
    }
    if (info.name == QLatin1String("sigchld"))
        QSKIP(qPrintable(QStringLiteral("no pidfd support here: ") + info.reason));
    QCOMPARE(info.name, QStringLiteral("pidfd"));
    QCOMPARE(watcher()->kind(), ChildWatcher::Kind::Pidfd);
    if (forced == "pidfd")
        QVERIFY2(info.reason.contains(QLatin1String("APROC_CHILD_WATCHER")),
                 qPrintable(info.reason));
}

void tst_ChildWatcher::addWatchRows()
{
    QTest::addColumn<bool>("byPidfd");
    QTest::newRow("pidfd") << true;
    QTest::newRow("no pidfd") << false;
}

void tst_ChildWatcher::exitStatus_data()
{
    // WT-03, SG-04: an exit gives its code (modulo 256), a signal gives -signo.
    QTest::addColumn<QList<QByteArray>>("args");
    QTest::addColumn<int>("expected");
    QTest::addColumn<bool>("byPidfd");
    const QList<std::tuple<const char *, QList<QByteArray>, int>> rows = {
            {"WT-03 exit 0", {"exit", "0"}, 0},
            {"WT-03 exit 7", {"exit", "7"}, 7},
            {"SG-04 exit 300", {"exit", "300"}, 44},
            {"SG-04 kill-self SIGUSR1", {"kill-self", "10"}, -10},
            {"WT-03 abort", {"abort"}, -6},
    };
    for (const auto &[name, args, expected] : rows) {
        QTest::addRow("%s, pidfd", name) << args << expected << true;
        QTest::addRow("%s, no pidfd", name) << args << expected << false;
    }
}

void tst_ChildWatcher::exitStatus()
{
    QFETCH(QList<QByteArray>, args);
    QFETCH(int, expected);
    QFETCH(bool, byPidfd);
    Spawned child = spawnHelper(args);
    QVERIFY(child.pid > 0);
    const auto outcome = watch(child, byPidfd);
    QTRY_COMPARE(outcome->calls.load(), 1);
    QCOMPARE(outcome->exit.returncode, expected);
    QCOMPARE(outcome->thread, QThread::currentThread());
    QVERIFY(!watcher()->isWatching(child.pid));
    QVERIFY(isReaped(child.pid));
    const auto settled = afterTwoIterations();
    QTRY_VERIFY(*settled);
    QCOMPARE(outcome->calls.load(), 1); // exactly once
}

void tst_ChildWatcher::killedBySendSignal_data()
{
    addWatchRows();
}

void tst_ChildWatcher::killedBySendSignal()
{
    // WT-03 / CW-08: SIGKILL gives -9, reported later, never inside sendSignal().
    QFETCH(bool, byPidfd);
    Spawned child = spawnHelper({"sleep", "3600"});
    QVERIFY(child.pid > 0);
    const auto outcome = watch(child, byPidfd);
    QVERIFY(watcher()->sendSignal(child.pid, SIGKILL));
    QCOMPARE(outcome->calls.load(), 0);
    QTRY_COMPARE(outcome->calls.load(), 1);
    QCOMPARE(outcome->exit.returncode, -SIGKILL);
}

void tst_ChildWatcher::exitedBeforeWatch_data()
{
    addWatchRows();
}

void tst_ChildWatcher::exitedBeforeWatch()
{
    // WT-05: a child that exited before watch() is reported at once, but not inside watch().
    QFETCH(bool, byPidfd);
    Spawned child = spawnHelper({"exit", "5"});
    QVERIFY(child.pid > 0);
    QVERIFY(waitUntilExited(child.pid));
    const auto outcome = watch(child, byPidfd);
    QCOMPARE(outcome->calls.load(), 0);
    QTRY_COMPARE(outcome->calls.load(), 1);
    QCOMPARE(outcome->exit.returncode, 5);
}

void tst_ChildWatcher::simultaneousExits_data()
{
    addWatchRows();
}

void tst_ChildWatcher::simultaneousExits()
{
    // WT-05: children exiting at the same moment are all reported (SIGCHLDs coalesce).
    QFETCH(bool, byPidfd);
    std::vector<Spawned> sleepers(8);
    std::vector<std::shared_ptr<Outcome>> outcomes;
    for (Spawned &child : sleepers) {
        child = spawnHelper({"sleep", "3600"});
        QVERIFY(child.pid > 0);
        outcomes.push_back(watch(child, byPidfd));
    }
    for (const Spawned &child : sleepers)
        QCOMPARE(::kill(pid_t(child.pid), SIGKILL), 0);
    // And two that are zombies already when they are watched, in the same iteration.
    Spawned three = spawnHelper({"exit", "3"});
    Spawned four = spawnHelper({"exit", "4"});
    QVERIFY(three.pid > 0 && four.pid > 0);
    QVERIFY(waitUntilExited(three.pid) && waitUntilExited(four.pid));
    const auto threeOutcome = watch(three, byPidfd);
    const auto fourOutcome = watch(four, byPidfd);
    for (const auto &outcome : outcomes) {
        QTRY_COMPARE(outcome->calls.load(), 1);
        QCOMPARE(outcome->exit.returncode, -SIGKILL);
    }
    QTRY_COMPARE(threeOutcome->calls.load(), 1);
    QTRY_COMPARE(fourOutcome->calls.load(), 1);
    QCOMPARE(threeOutcome->exit.returncode, 3);
    QCOMPARE(fourOutcome->exit.returncode, 4);
}

void tst_ChildWatcher::reapedBySomeoneElse_data()
{
    QTest::addColumn<bool>("byPidfd");
    QTest::addColumn<bool>("stolenBeforeWatch");
    QTest::newRow("D5 pidfd, stolen before watch") << true << true;
    QTest::newRow("D5 pidfd, stolen after watch") << true << false;
    QTest::newRow("D5 no pidfd, stolen before watch") << false << true;
    QTest::newRow("D5 no pidfd, stolen after watch") << false << false;
}

void tst_ChildWatcher::reapedBySomeoneElse()
{
    // D5: someone else's waitpid() took the status: 255 and exactly one warning, never a hang.
    QFETCH(bool, byPidfd);
    QFETCH(bool, stolenBeforeWatch);
    g_foreignWarnings = 0;
    g_previousMessageHandler = qInstallMessageHandler(countingMessageHandler);
    const auto restore = qScopeGuard([] { qInstallMessageHandler(g_previousMessageHandler); });
    QTest::ignoreMessage(QtWarningMsg, foreignWarning());

    Spawned child = spawnHelper({"exit", "9"});
    QVERIFY(child.pid > 0);
    const auto steal = [&child] {
        int status = 0;
        return ::waitpid(pid_t(child.pid), &status, 0) == child.pid && WEXITSTATUS(status) == 9;
    };
    if (stolenBeforeWatch)
        QVERIFY(steal());
    const auto outcome = watch(child, byPidfd);
    if (!stolenBeforeWatch)
        QVERIFY(steal()); // the loop has not run since watch()
    QTRY_COMPARE(outcome->calls.load(), 1);
    QCOMPARE(outcome->exit.returncode, 255);
    QCOMPARE(outcome->exit.usage, ResourceUsage());
    const auto settled = afterTwoIterations();
    QTRY_VERIFY(*settled);
    QCOMPARE(g_foreignWarnings.load(), 1);
    QCOMPARE(outcome->calls.load(), 1);
}

void tst_ChildWatcher::sendSignalAfterReap_data()
{
    addWatchRows();
}

void tst_ChildWatcher::sendSignalAfterReap()
{
    // SG-05 / D4: once reaped, sendSignal() sends nothing (the pid may be someone else's now).
    QFETCH(bool, byPidfd);
    Spawned child = spawnHelper({"exit", "0"});
    QVERIFY(child.pid > 0);
    const auto outcome = watch(child, byPidfd);
    QTRY_COMPARE(outcome->calls.load(), 1);
    QVERIFY(!watcher()->sendSignal(child.pid, SIGUSR2));
    // A pid that was never watched is never signalled, not even our own.
    const int received = g_usr2Received;
    QVERIFY(!watcher()->sendSignal(::getpid(), SIGUSR2));
    QCOMPARE(g_usr2Received.load(), received);
}

void tst_ChildWatcher::spuriousWakeup_data()
{
    addWatchRows();
}

void tst_ChildWatcher::spuriousWakeup()
{
    // A wake-up while the child still runs (a readable pidfd whose waitid() finds nothing, as
    // on RHEL 8 or Docker Desktop) changes nothing: no report, no blocking, still watched.
    QFETCH(bool, byPidfd);
    Spawned child = spawnHelper({"sleep", "3600"});
    QVERIFY(child.pid > 0);
    const auto outcome = watch(child, byPidfd);
    for (int i = 0; i < 3; ++i)
        watcher()->checkNow(child.pid);
    const auto settled = afterTwoIterations();
    QTRY_VERIFY(*settled);
    QCOMPARE(outcome->calls.load(), 0);
    QVERIFY(watcher()->isWatching(child.pid));
    QVERIFY(watcher()->sendSignal(child.pid, SIGTERM));
    QTRY_COMPARE(outcome->calls.load(), 1);
    QCOMPARE(outcome->exit.returncode, -SIGTERM);
}

void tst_ChildWatcher::resourceUsage_data()
{
    addWatchRows();
}

void tst_ChildWatcher::resourceUsage()
{
    // wait4()'s rusage: a child making 300000 one-byte writes used some CPU and some memory.
    QFETCH(bool, byPidfd);
    Spawned child = spawnHelper({"flood", "300000", "1"});
    QVERIFY(child.pid > 0);
    const auto outcome = watch(child, byPidfd);
    QTRY_COMPARE(outcome->calls.load(), 1);
    const ResourceUsage &usage = outcome->exit.usage;
    QCOMPARE(outcome->exit.returncode, 0);
    QVERIFY2(usage.userTime + usage.systemTime > std::chrono::microseconds(0),
             qPrintable(QString::number(usage.systemTime.count())));
    QVERIFY(usage.userTime.count() >= 0 && usage.systemTime.count() >= 0);
    QVERIFY2(usage.maxResidentKiB > 0, qPrintable(QString::number(usage.maxResidentKiB)));
}

void tst_ChildWatcher::applicationHandlerStillCalled()
{
    // An application's SIGCHLD handler installed before Aproc's keeps being called (chained).
    const int before = g_applicationSigchlds;
    Spawned child = spawnHelper({"exit", "0"});
    QVERIFY(child.pid > 0);
    const auto outcome = watch(child, false); // through SIGCHLD: Aproc's handler is installed
    struct sigaction current = {};
    QCOMPARE(::sigaction(SIGCHLD, nullptr, &current), 0);
    QVERIFY(current.sa_handler != countApplicationSigchld); // Aproc's handler replaced it ...
    QTRY_COMPARE(outcome->calls.load(), 1);
    QTRY_VERIFY(g_applicationSigchlds > before); // ... and still calls it
}

void tst_ChildWatcher::coexistsWithQProcess()
{
    // QProcess (forkfd) and Aproc run children at the same time: neither steals the other's,
    // every exit code is right on both sides. Half of Aproc's go through SIGCHLD.
    constexpr int Count = 20;
    std::vector<std::shared_ptr<Outcome>> outcomes;
    std::vector<std::unique_ptr<QProcess>> processes;
    QList<int> qprocessCodes(Count, -1);
    for (int i = 0; i < Count; ++i) {
        auto process = std::make_unique<QProcess>();
        process->setStandardOutputFile(QProcess::nullDevice());
        connect(process.get(), &QProcess::finished, this,
                [&qprocessCodes, i](int code, QProcess::ExitStatus status) {
                    qprocessCodes[i] = status == QProcess::NormalExit ? code : -1000;
                });
        process->start(QStringLiteral(APROC_TEST_HELPER),
                       {QStringLiteral("exit"), QString::number(100 + i)});
        processes.push_back(std::move(process));
        const QList<QByteArray> args = i % 5 == 4
                                               ? QList<QByteArray>{"kill-self", "15"}
                                               : QList<QByteArray>{"exit", QByteArray::number(i)};
        Spawned child = spawnHelper(args);
        QVERIFY(child.pid > 0);
        outcomes.push_back(watch(child, i % 2 == 0));
    }
    for (int i = 0; i < Count; ++i) {
        QTRY_COMPARE_WITH_TIMEOUT(outcomes[i]->calls.load(), 1, LongTimeoutMs);
        QCOMPARE(outcomes[i]->exit.returncode, i % 5 == 4 ? -SIGTERM : i);
        QTRY_COMPARE_WITH_TIMEOUT(qprocessCodes[i], 100 + i, LongTimeoutMs);
    }
}

void tst_ChildWatcher::loopsInTwoThreads()
{
    // Each thread's loop watches and reaps its own children; callbacks run on that thread.
    struct Report
    {
        qint64 pid;
        int expected;
        int returncode;
        bool onOwnThread;
    };
    QMutex mutex;
    std::vector<Report> reports;
    const auto startChildren = [&mutex, &reports](int first) {
        return [&mutex, &reports, first] {
            QThread *self = QThread::currentThread();
            for (int i = first; i < first + 6; ++i) {
                Spawned child = spawnHelper({"exit", QByteArray::number(i)});
                const qint64 pid = child.pid;
                watcher()->watch(pid, i % 2 ? std::move(child.pidfd) : UniqueFd(),
                                 [&mutex, &reports, self, pid, i](const ChildWatcher::Exit &exit) {
                                     QMutexLocker locker(&mutex);
                                     reports.push_back({pid, i, exit.returncode,
                                                        QThread::currentThread() == self});
                                 });
            }
        };
    };
    const auto reported = [&mutex, &reports] {
        QMutexLocker locker(&mutex);
        return int(reports.size());
    };
    {
        LoopThread first(startChildren(10));
        LoopThread second(startChildren(20));
        first.start();
        second.start();
        QTRY_COMPARE_WITH_TIMEOUT(reported(), 12, LongTimeoutMs);
    }
    for (const Report &report : reports) {
        QVERIFY(report.pid > 0);
        QCOMPARE(report.returncode, report.expected);
        QVERIFY(report.onOwnThread);
    }
}

void tst_ChildWatcher::teardownReaps()
{
    // D4: a loop destroyed while it watches children (its QThread ends) leaves no zombie:
    // exited ones are reaped at once, running ones by the background reaper when they end.
    std::vector<qint64> running;
    std::vector<qint64> exited;
    auto outcomes = std::make_shared<std::vector<std::shared_ptr<Outcome>>>();
    const auto startChildren = [&running, &exited, outcomes] {
        for (int i = 0; i < 4; ++i) {
            Spawned sleeper = spawnHelper({"sleep", "3600"});
            Spawned quick = spawnHelper({"exit", "1"});
            waitUntilExited(quick.pid); // a zombie that the loop never gets to process
            running.push_back(sleeper.pid);
            exited.push_back(quick.pid);
            outcomes->push_back(watch(sleeper, i % 2 == 0));
            outcomes->push_back(watch(quick, i % 2 == 0));
        }
    };
    {
        LoopThread thread(startChildren, false); // the loop is destroyed without one iteration
        thread.start();
        QVERIFY(thread.wait(LongTimeoutMs));
    }
    QCOMPARE(running.size(), 4u);
    for (qint64 pid : exited)
        QVERIFY(isReaped(pid));
    for (qint64 pid : running) {
        QVERIFY(pid > 0 && !isReaped(pid));
        QCOMPARE(::kill(pid_t(pid), SIGKILL), 0); // not reaped, so still our child
    }
    for (qint64 pid : running)
        QTRY_VERIFY_WITH_TIMEOUT(isReaped(pid), LongTimeoutMs);
    for (const auto &outcome : *outcomes)
        QCOMPARE(outcome->calls.load(), 0); // their loop is gone: nobody to tell
}

void tst_ChildWatcher::sigchldIgnoredBySomeoneElse()
{
    // Someone sets SIGCHLD to SIG_IGN behind our back: the kernel reaps children itself. The
    // diagnostic says so, and exits are still reported (255, D5), never a hang.
    struct sigaction previous = {};
    struct sigaction ignore = {};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    QCOMPARE(::sigaction(SIGCHLD, &ignore, &previous), 0);
    const auto restore = qScopeGuard([&previous] { ::sigaction(SIGCHLD, &previous, nullptr); });
    g_foreignWarnings = 0;
    g_previousMessageHandler = qInstallMessageHandler(countingMessageHandler);
    const auto restoreHandler
            = qScopeGuard([] { qInstallMessageHandler(g_previousMessageHandler); });
    QTest::ignoreMessage(QtWarningMsg, foreignWarning());
    QTest::ignoreMessage(QtWarningMsg, foreignWarning());

    QVERIFY2(childWatcherInfo().reason.contains(QLatin1String("SIG_IGN")),
             qPrintable(childWatcherInfo().reason));
    Spawned first = spawnHelper({"exit", "3"});
    Spawned second = spawnHelper({"exit", "4"});
    QVERIFY(first.pid > 0 && second.pid > 0);
    const auto firstOutcome = watch(first, true);
    const auto secondOutcome = watch(second, false);
    QTRY_COMPARE_WITH_TIMEOUT(firstOutcome->calls.load(), 1, LongTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(secondOutcome->calls.load(), 1, LongTimeoutMs);
    QCOMPARE(firstOutcome->exit.returncode, 255);
    QCOMPARE(secondOutcome->exit.returncode, 255);
    QCOMPARE(g_foreignWarnings.load(), 2);
}

void tst_ChildWatcher::sigchldIgnoredFromTheStart()
{
    // SIGCHLD was SIG_IGN before Aproc came: Aproc's handler keeps the kernel reaping children
    // (SA_NOCLDWAIT), says so, and reports 255 without hanging. Run in a second process.
    if (!qEnvironmentVariableIsSet(IgnoreSigchldVariable)) {
        QProcess self;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QString::fromLatin1(IgnoreSigchldVariable), QStringLiteral("1"));
#ifdef __SANITIZE_THREAD__
        // The short second run often ends while QtTest's watchdog thread still waits on its
        // QWaitCondition, which qRun() and exit() destroy: reports about QtTest's own
        // (uninstrumented) code, with no frame of ours.
        QTemporaryDir directory;
        QFile suppressions(directory.filePath(QStringLiteral("tsan.supp")));
        QVERIFY(suppressions.open(QIODevice::WriteOnly));
        suppressions.write("race:libQt6Test.so\nrace:QWaitCondition::~QWaitCondition\n");
        suppressions.close();
        environment.insert(QStringLiteral("TSAN_OPTIONS"),
                           environment.value(QStringLiteral("TSAN_OPTIONS"))
                                   + QStringLiteral(" suppressions=") + suppressions.fileName());
#endif
        self.setProcessEnvironment(environment);
        self.setProcessChannelMode(QProcess::MergedChannels);
        QSignalSpy finished(&self, &QProcess::finished);
        QVERIFY(finished.isValid());
        self.start(QCoreApplication::applicationFilePath(),
                   {QStringLiteral("sigchldIgnoredFromTheStart")});
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, LongTimeoutMs);
        const QByteArray output = self.readAll();
        QVERIFY2(self.exitStatus() == QProcess::NormalExit && self.exitCode() == 0,
                 output.constData());
        QVERIFY2(output.contains("PASS   : tst_ChildWatcher::sigchldIgnoredFromTheStart()"),
                 output.constData());
        return;
    }
    QTest::ignoreMessage(QtWarningMsg, foreignWarning());
    QTest::ignoreMessage(QtWarningMsg, foreignWarning());
    Spawned first = spawnHelper({"exit", "3"});
    Spawned second = spawnHelper({"exit", "4"});
    Spawned unwatched = spawnHelper({"exit", "5"});
    QVERIFY(first.pid > 0 && second.pid > 0 && unwatched.pid > 0);
    const auto firstOutcome = watch(first, true);
    const auto secondOutcome = watch(second, false); // installs Aproc's handler
    struct sigaction current = {};
    QCOMPARE(::sigaction(SIGCHLD, nullptr, &current), 0);
    QVERIFY(current.sa_flags & SA_NOCLDWAIT);
    QTRY_COMPARE_WITH_TIMEOUT(firstOutcome->calls.load(), 1, LongTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(secondOutcome->calls.load(), 1, LongTimeoutMs);
    QCOMPARE(firstOutcome->exit.returncode, 255);
    QCOMPARE(secondOutcome->exit.returncode, 255);
    QTRY_VERIFY_WITH_TIMEOUT(isReaped(unwatched.pid), LongTimeoutMs); // by the kernel
    const QString reason = childWatcherInfo().reason;
    QVERIFY2(reason.contains(QLatin1String("SIG_IGN")), qPrintable(reason));
}

void tst_ChildWatcher::cleanupTestCase()
{
    QTRY_VERIFY_WITH_TIMEOUT(noZombie(), LongTimeoutMs);
}

QTEST_GUILESS_MAIN(tst_ChildWatcher)
#include "tst_childwatcher.moc"
