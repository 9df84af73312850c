// SPDX-License-Identifier: MIT
// The platform spawn layer, aproc::detail::spawnChild(), against the real helper child: every
// option and every error, read back with plain read() and reaped with waitid() here (the child
// watcher is not under test). After each test no descriptor and no child is left (init/cleanup).
#include "unix/spawn_p.h"

#include <aproc/errors.h>

#include <QtCore/QDir>
#include <QtCore/QElapsedTimer>
#include <QtCore/QFileInfo>
#include <QtCore/QMutex>
#include <QtCore/QScopeGuard>
#include <QtCore/QSet>
#include <QtCore/QTemporaryDir>
#include <QtCore/QTemporaryFile>
#include <QtTest/QtTest>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <dirent.h>
#include <fcntl.h>
#include <functional>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace aproc;
using aproc::detail::SpawnedChild;
using aproc::detail::UniqueFd;

using Configure = std::function<void(ProcessOptions &)>;
Q_DECLARE_METATYPE(Configure)
Q_DECLARE_METATYPE(aproc::Stdio)
Q_DECLARE_METATYPE(std::optional<QProcessEnvironment>)
Q_DECLARE_METATYPE(std::optional<mode_t>)

namespace {

const QString helper = QStringLiteral(APROC_TEST_HELPER);

// Every child started and not reaped yet, so that a failed test still leaves no child behind.
QMutex liveMutex;
QSet<qint64> liveChildren;

// For the tests that expect a failure: spawnChild() itself.
SpawnedChild spawnOrThrow(const QStringList &arguments, const ProcessOptions &options = {},
                          const QString &program = helper)
{
    SpawnedChild child = detail::spawnChild(program, arguments, options);
    QMutexLocker locker(&liveMutex);
    liveChildren.insert(child.pid);
    return child;
}

// For the tests that expect a child: an exception fails the test (and only the test: QtTest
// would end the whole run) and gives an empty SpawnedChild that the helpers below accept.
SpawnedChild spawn(const QStringList &arguments, const ProcessOptions &options = {},
                   const QString &program = helper)
{
    try {
        return spawnOrThrow(arguments, options, program);
    } catch (const std::exception &error) {
        QTest::qFail(qPrintable(QStringLiteral("spawnChild threw: %1")
                                        .arg(QString::fromUtf8(error.what()))),
                     __FILE__, __LINE__);
    }
    return {};
}

constexpr int kPatience = 60000; // ms: a child that hangs fails its test instead of the run
constexpr int kHung = -1000; // waitChild(): the child did not end, it was killed

// The exit status as asyncio reports it: the code, or -N for signal N.
int waitChild(const SpawnedChild &child)
{
    if (child.pid <= 0)
        return kHung - 1;
    pollfd exited{child.pidfd.get(), POLLIN, 0};
    const bool hung = child.pidfd && ::poll(&exited, 1, kPatience) == 0;
    if (hung)
        ::kill(pid_t(child.pid), SIGKILL);
    siginfo_t info{};
    int result;
    do {
        result = ::waitid(P_PID, id_t(child.pid), &info, WEXITED);
    } while (result < 0 && errno == EINTR);
    if (result == 0) {
        QMutexLocker locker(&liveMutex);
        liveChildren.remove(child.pid);
    }
    if (result < 0 || hung)
        return kHung;
    return info.si_code == CLD_EXITED ? info.si_status : -info.si_status;
}

// Reads until EOF (EIO for a pty master whose slave is gone), or until \a until shows up. Output
// that never ends is cut off after a while with a marker, so that the comparison fails.
QByteArray readFrom(int fd, const QByteArray &until = {})
{
    QByteArray data;
    char buffer[4096];
    while (until.isEmpty() || !data.contains(until)) {
        pollfd readable{fd, POLLIN, 0};
        if (::poll(&readable, 1, kPatience) == 0)
            return data + "<no EOF>";
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        data.append(buffer, n);
    }
    return data;
}

bool writeAll(int fd, const QByteArray &data)
{
    return ::write(fd, data.constData(), size_t(data.size())) == data.size();
}

QSet<int> openFds()
{
    QSet<int> fds;
    DIR *dir = ::opendir("/proc/self/fd");
    while (dirent *entry = dir ? ::readdir(dir) : nullptr) {
        const int fd = std::atoi(entry->d_name);
        if (entry->d_name[0] != '.' && fd != ::dirfd(dir))
            fds.insert(fd);
    }
    if (dir)
        ::closedir(dir);
    return fds;
}

QSet<int> inheritableFds()
{
    QSet<int> fds;
    for (const int fd : openFds()) {
        if (fd > 2 && (::fcntl(fd, F_GETFD) & FD_CLOEXEC) == 0)
            fds.insert(fd);
    }
    return fds;
}

QSet<int> fdsPrinted(const QByteArray &output)
{
    QSet<int> fds;
    for (const QByteArray &line : output.split('\n')) {
        if (!line.isEmpty())
            fds.insert(line.toInt());
    }
    return fds;
}

QString describe(const QSet<int> &fds)
{
    QList<int> sorted = fds.values();
    std::sort(sorted.begin(), sorted.end());
    QStringList names;
    for (const int fd : sorted)
        names.append(QString::number(fd));
    return names.join(u',');
}

// Replaces (or closes, for -1) one of the test's own descriptors 0..2 until restore().
class ReplacedFd
{
public:
    ReplacedFd(int target, int replacement)
        : m_target(target), m_saved(::fcntl(target, F_DUPFD_CLOEXEC, 3))
    {
        if (replacement >= 0)
            ::dup2(replacement, target);
        else
            ::close(target);
    }
    ~ReplacedFd() { restore(); }
    void restore()
    {
        if (!std::exchange(m_active, false))
            return;
        if (m_saved)
            ::dup2(m_saved.get(), m_target);
        else
            ::close(m_target);
        m_saved.reset();
    }

private:
    int m_target;
    UniqueFd m_saved;
    bool m_active = true;
};

QString nulIn(const QString &before, const QString &after)
{
    return before + QChar(u'\0') + after;
}

ProcessOptions piped(Stdio in = PIPE, Stdio out = PIPE, Stdio err = PIPE)
{
    ProcessOptions options;
    options.stdinMode = in;
    options.stdoutMode = out;
    options.stderrMode = err;
    return options;
}

unsigned long signalBit(int signo)
{
    return 1UL << signo;
}

} // namespace

class tst_Spawn : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void badArguments_data();
    void badArguments();
    void startErrors_data();
    void startErrors();
    void tooManyOpenFiles();

    void pathSearch_data();
    void pathSearch();
    void searchesTheParentsPath();
    void relativeProgramInWorkingDirectory();

    void stdioModes_data();
    void stdioModes();
    void parentEndsAreCloseOnExecAndBlocking();
    void inheritsTheParentsStdin();
    void fdModeKeepsTheParentsDescriptor();
    void stdioWhenTheParentClosedItsOwn();
    void fdSourceBelowThree();
    void devStdinIsARealPipe();

    void closeFdsByDefault();
    void passFdsWithGaps();
    void closeFdsFalseKeepsOnlyInheritable();
    void pipeEndsNeverReachTheChild();

    void workingDirectory();
    void environment_data();
    void environment();
    void newSession();
    void processGroup();
    void restoreSignals_data();
    void restoreSignals();
    void defaultDispositionLetsSighupKill();
    void parentSignalMaskUntouched();
    void umask_data();
    void umask();
    void dieWithParent_data();
    void dieWithParent();
    void dieWithParentFollowsTheSpawningThread();

    void ptyOnEveryStream();
    void ptyOnStdoutOnly();
    void ptyDialogue();
    void pidfdRefersToTheChild();

    void manySpawnsWithFailures();
    void spawnsFromSeveralThreads();

private:
    QTemporaryDir m_dir;
    QString m_notExecutable;
    QString m_decoyDir;
    QSet<int> m_fdsBefore;
};

void tst_Spawn::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // A file that is not executable, and a directory whose copy of the helper's name is one.
    m_notExecutable = m_dir.filePath(QStringLiteral("not-executable"));
    m_decoyDir = m_dir.filePath(QStringLiteral("decoy"));
    QVERIFY(QDir().mkpath(m_decoyDir));
    for (const QString &path :
         QStringList{m_notExecutable, m_decoyDir + u'/' + QFileInfo(helper).fileName()}) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("#!/bin/sh\nexit 0\n");
        QVERIFY(file.setPermissions(QFile::ReadOwner | QFile::WriteOwner));
    }
    qputenv("APROC_TST_SPAWN_PROBE", "inherited");
}

void tst_Spawn::init()
{
    m_fdsBefore = openFds();
}

void tst_Spawn::cleanup()
{
    QSet<qint64> leftOver;
    {
        QMutexLocker locker(&liveMutex);
        leftOver = std::exchange(liveChildren, {});
    }
    for (const qint64 pid : std::as_const(leftOver)) { // a failed test: kill and reap its children
        ::kill(pid_t(pid), SIGKILL);
        ::waitpid(pid_t(pid), nullptr, 0);
    }
    siginfo_t info{};
    const int found = ::waitid(P_ALL, 0, &info, WEXITED | WNOHANG | WNOWAIT);
    QVERIFY2(found < 0 && errno == ECHILD,
             qPrintable(QStringLiteral("a child is left: pid %1").arg(info.si_pid)));
    const QSet<int> fdsAfter = openFds();
    QVERIFY2(fdsAfter == m_fdsBefore,
             qPrintable(QStringLiteral("descriptors before: %1, after: %2")
                                .arg(describe(m_fdsBefore), describe(fdsAfter))));
}

// ER-08: bad input throws ValueError naming it, before anything is created (the three pipes
// asked for are never made: cleanup() finds no new descriptor and no child).
void tst_Spawn::badArguments_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<Configure>("configure");
    QTest::addColumn<QString>("named");
    const QStringList exit0{QStringLiteral("exit"), QStringLiteral("0")};
    const Configure nothing = [](ProcessOptions &) {};
    const auto environment = [](const QString &name, const QString &value) {
        return Configure([=](ProcessOptions &options) {
            QProcessEnvironment env;
            env.insert(name, value);
            options.environment = env;
        });
    };
    QTest::newRow("ER-08 empty program")
            << QString() << exit0 << nothing << QStringLiteral("empty");
    QTest::newRow("ER-08 NUL in the program")
            << nulIn(helper, QStringLiteral("x")) << exit0 << nothing << QStringLiteral("\\0x");
    QTest::newRow("ER-08 NUL in an argument")
            << helper
            << QStringList{QStringLiteral("echo"), nulIn(QStringLiteral("a"), QStringLiteral("b"))}
            << nothing << QStringLiteral("Argument 2");
    QTest::newRow("ER-08 NUL in a variable's value")
            << helper << exit0 << environment(QStringLiteral("FOO"), nulIn(QStringLiteral("a"), {}))
            << QStringLiteral("'FOO'");
    QTest::newRow("ER-08 NUL in a variable's name")
            << helper << exit0
            << environment(nulIn(QStringLiteral("F"), QStringLiteral("OO")), QStringLiteral("x"))
            << QStringLiteral("F\\0");
    QTest::newRow("ER-08 '=' in a variable's name")
            << helper << exit0 << environment(QStringLiteral("A=B"), QStringLiteral("x"))
            << QStringLiteral("'A=B'");
    QTest::newRow("ER-08 NUL in the working directory")
            << helper << exit0 << Configure([=](ProcessOptions &o) {
                   o.workingDirectory = nulIn(QStringLiteral("/tmp"), {});
               })
            << QStringLiteral("working directory");
    QTest::newRow("ER-08 toStdout for stdin")
            << helper << exit0 << Configure([](ProcessOptions &o) { o.stdinMode = STDOUT; })
            << QStringLiteral("stdin");
    QTest::newRow("ER-08 toStdout for stdout")
            << helper << exit0 << Configure([](ProcessOptions &o) { o.stdoutMode = STDOUT; })
            << QStringLiteral("stdout");
    QTest::newRow("ST-01 limit 0")
            << helper << exit0 << Configure([](ProcessOptions &o) { o.limit = 0; })
            << QStringLiteral("limit");
    QTest::newRow("ST-01 limit -1")
            << helper << exit0 << Configure([](ProcessOptions &o) { o.limit = -1; })
            << QStringLiteral("limit");
    QTest::newRow("Stdio::fd of a closed descriptor")
            << helper << exit0
            << Configure([](ProcessOptions &o) { o.stdoutMode = Stdio::fd(1000); })
            << QStringLiteral("Stdio::fd(1000) for stdout");
    QTest::newRow("Stdio::fd(-1)")
            << helper << exit0 << Configure([](ProcessOptions &o) { o.stderrMode = Stdio::fd(-1); })
            << QStringLiteral("Stdio::fd(-1) for stderr");
    QTest::newRow("passFds with a closed descriptor")
            << helper << exit0 << Configure([](ProcessOptions &o) {
                   o.passFds = {0, 1001};
               })
            << QStringLiteral("passFds: 1001");
    QTest::newRow("negative processGroup")
            << helper << exit0 << Configure([](ProcessOptions &o) { o.processGroup = -2; })
            << QStringLiteral("processGroup");
    QTest::newRow("umask beyond 0777")
            << helper << exit0 << Configure([](ProcessOptions &o) { o.umask = 01022; })
            << QStringLiteral("01022");
}

void tst_Spawn::badArguments()
{
    QFETCH(QString, program);
    QFETCH(QStringList, arguments);
    QFETCH(Configure, configure);
    QFETCH(QString, named);
    QVERIFY(::fcntl(1000, F_GETFD) < 0 && ::fcntl(1001, F_GETFD) < 0);
    ProcessOptions options = piped();
    configure(options);
    try {
        spawnOrThrow(arguments, options, program);
        QFAIL("no ValueError");
    } catch (const ValueError &error) {
        QVERIFY2(error.message().contains(named), qPrintable(error.message()));
    }
}

// ER-04: the exception Python raises, naming the program or the directory; ER-05: every
// descriptor made for the child is closed again and the child that failed is reaped.
void tst_Spawn::startErrors_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<Configure>("configure");
    QTest::addColumn<QString>("type");
    QTest::addColumn<int>("errorNumber");
    QTest::addColumn<QString>("filename");
    const QString missing = QStringLiteral("/nonexistent/aproc-no-such-program");
    const QString missingDir = QStringLiteral("/nonexistent/aproc-no-such-directory");
    const QString helperName = QFileInfo(helper).fileName();
    const QString decoyDir = m_decoyDir;
    const Configure pipes = [](ProcessOptions &o) { o = piped(); };
    const Configure ptys
            = [](ProcessOptions &o) { o = piped(Stdio::pty(), Stdio::pty(), Stdio::pty()); };
    const auto withPath = [](const QString &path) {
        return Configure([=](ProcessOptions &o) {
            o = piped();
            QProcessEnvironment env;
            env.insert(QStringLiteral("PATH"), path);
            o.environment = env;
        });
    };
    const QString fnf = QStringLiteral("FileNotFoundError");
    const QString perm = QStringLiteral("PermissionError");
    QTest::newRow("ER-04 missing program") << missing << pipes << fnf << ENOENT << missing;
    QTest::newRow("ER-04 missing program, searched in PATH")
            << QStringLiteral("aproc-no-such-program") << pipes << fnf << ENOENT
            << QStringLiteral("aproc-no-such-program");
    QTest::newRow("ER-04 PATH entries that are files or missing")
            << QStringLiteral("aproc-no-such-program")
            << withPath(QStringLiteral("/etc/passwd:/nonexistent:")) << fnf << ENOENT
            << QStringLiteral("aproc-no-such-program");
    QTest::newRow("ER-04 not executable")
            << m_notExecutable << pipes << perm << EACCES << m_notExecutable;
    QTest::newRow("ER-04 a directory") << m_dir.path() << pipes << perm << EACCES << m_dir.path();
    QTest::newRow("ER-04 PATH finds only a file that is not executable")
            << helperName << withPath(decoyDir) << perm << EACCES << helperName;
    QTest::newRow("ER-04 missing working directory") << helper << Configure([=](ProcessOptions &o) {
        o = piped();
        o.workingDirectory = missingDir;
    }) << fnf << ENOENT << missingDir;
    QTest::newRow("ER-05 missing program with a pty")
            << missing << ptys << fnf << ENOENT << missing;
    QTest::newRow("ER-05 missing program with every option")
            << missing << Configure([](ProcessOptions &o) {
                   o = piped(DEVNULL, Stdio::pty(), STDOUT);
                   o.startNewSession = true;
                   o.dieWithParent = true;
                   o.umask = 077;
                   o.passFds = {0, 1, 2};
                   o.closeFds = false;
               })
            << fnf << ENOENT << missing;
}

void tst_Spawn::startErrors()
{
    QFETCH(QString, program);
    QFETCH(Configure, configure);
    QFETCH(QString, type);
    QFETCH(int, errorNumber);
    QFETCH(QString, filename);
    ProcessOptions options;
    configure(options);
    QString caught;
    try {
        spawnOrThrow({QStringLiteral("exit"), QStringLiteral("0")}, options, program);
    } catch (const FileNotFoundError &error) {
        caught = QStringLiteral("FileNotFoundError");
        QCOMPARE(error.errorNumber(), errorNumber);
        QCOMPARE(error.filename(), filename);
        QVERIFY2(error.message().contains(filename), qPrintable(error.message()));
    } catch (const PermissionError &error) {
        caught = QStringLiteral("PermissionError");
        QCOMPARE(error.errorNumber(), errorNumber);
        QCOMPARE(error.filename(), filename);
    } catch (const std::exception &error) {
        caught = QString::fromUtf8(error.what());
    }
    QCOMPARE(caught, type);
}

// ER-04 / ER-05: EMFILE part way through making the pipes is a plain OSError, and the pipes
// already made are closed.
void tst_Spawn::tooManyOpenFiles()
{
    rlimit saved{};
    QCOMPARE(::getrlimit(RLIMIT_NOFILE, &saved), 0);
    const auto restore = qScopeGuard([&] { ::setrlimit(RLIMIT_NOFILE, &saved); });
    int secondFree = -1; // below the limit there is room for one pipe: the second one fails
    for (int fd = 0, free = 0; free < 2; ++fd) {
        if (::fcntl(fd, F_GETFD) < 0 && ++free == 2)
            secondFree = fd;
    }
    rlimit lowered = saved;
    lowered.rlim_cur = rlim_t(secondFree + 1);
    QCOMPARE(::setrlimit(RLIMIT_NOFILE, &lowered), 0);
    int errorNumber = 0;
    try {
        spawnOrThrow({QStringLiteral("exit"), QStringLiteral("0")}, piped());
    } catch (const OSError &error) {
        errorNumber = error.errorNumber();
    } catch (const std::exception &) {
        errorNumber = -1;
    }
    QCOMPARE(errorNumber, EMFILE);
}

void tst_Spawn::pathSearch_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<Configure>("configure");
    const QString helperDir = QFileInfo(helper).absolutePath();
    const QString helperName = QFileInfo(helper).fileName();
    const QStringList echo{QStringLiteral("echo"), QStringLiteral("found")};
    const auto withPath = [](const QString &path, const QString &cwd = {}) {
        return Configure([=](ProcessOptions &o) {
            QProcessEnvironment env;
            env.insert(QStringLiteral("PATH"), path);
            o.environment = env;
            o.workingDirectory = cwd;
        });
    };
    QTest::newRow("PATH of the given environment") << helperName << echo << withPath(helperDir);
    QTest::newRow("missing and non-directory entries are skipped")
            << helperName << echo
            << withPath(QStringLiteral("/nonexistent:/etc/passwd:") + helperDir);
    QTest::newRow("a non-executable match does not stop the search")
            << helperName << echo << withPath(m_decoyDir + u':' + helperDir);
    QTest::newRow("an empty entry is the working directory")
            << helperName << echo << withPath(QStringLiteral("/nonexistent:"), helperDir);
    QTest::newRow("/bin:/usr/bin when the environment has no PATH")
            << QStringLiteral("sh")
            << QStringList{QStringLiteral("-c"), QStringLiteral("echo found")}
            << Configure([](ProcessOptions &o) {
                   QProcessEnvironment env;
                   env.insert(QStringLiteral("FOO"), QStringLiteral("bar"));
                   o.environment = env;
               });
}

void tst_Spawn::pathSearch()
{
    QFETCH(QString, program);
    QFETCH(QStringList, arguments);
    QFETCH(Configure, configure);
    ProcessOptions options;
    configure(options);
    options.stdoutMode = PIPE;
    const SpawnedChild child = spawn(arguments, options, program);
    QCOMPARE(readFrom(child.stdoutFd.get()), QByteArray("found\n"));
    QCOMPARE(waitChild(child), 0);
}

void tst_Spawn::searchesTheParentsPath()
{
    const QByteArray saved = qgetenv("PATH");
    const auto restore = qScopeGuard([&] { qputenv("PATH", saved); });
    qputenv("PATH", "/nonexistent:" + QFile::encodeName(QFileInfo(helper).absolutePath()));
    ProcessOptions options;
    options.stdoutMode = PIPE;
    const SpawnedChild child = spawn({QStringLiteral("echo"), QStringLiteral("found")}, options,
                                     QFileInfo(helper).fileName());
    QCOMPARE(readFrom(child.stdoutFd.get()), QByteArray("found\n"));
    QCOMPARE(waitChild(child), 0);
}

// A relative path is resolved in the child's working directory, as execve() after chdir().
void tst_Spawn::relativeProgramInWorkingDirectory()
{
    ProcessOptions options;
    options.stdoutMode = PIPE;
    options.workingDirectory = QFileInfo(helper).absolutePath();
    const SpawnedChild child = spawn({QStringLiteral("echo"), QStringLiteral("here")}, options,
                                     QStringLiteral("./") + QFileInfo(helper).fileName());
    QCOMPARE(readFrom(child.stdoutFd.get()), QByteArray("here\n"));
    QCOMPARE(waitChild(child), 0);
}

void tst_Spawn::stdioModes_data()
{
    QTest::addColumn<Stdio>("in");
    QTest::addColumn<Stdio>("out");
    QTest::addColumn<Stdio>("err");
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expectedOut");
    QTest::addColumn<QByteArray>("expectedErr");
    const QStringList outErr{QStringLiteral("out-err"), QStringLiteral("x")};
    const QStringList stdinLength{QStringLiteral("stdin-length")};
    QTest::newRow("PT-12 stdout and stderr apart")
            << DEVNULL << PIPE << PIPE << outErr << QByteArray() << QByteArray("OUT:x")
            << QByteArray("ERR:x");
    QTest::newRow("PC-01 stdin and stdout piped")
            << PIPE << PIPE << DEVNULL << QStringList{QStringLiteral("cat")}
            << QByteArray("some data") << QByteArray("some data") << QByteArray();
    QTest::newRow("PC-11 stderr to stdout") << DEVNULL << PIPE << STDOUT << outErr << QByteArray()
                                            << QByteArray("OUT:xERR:x") << QByteArray();
    QTest::newRow("PC-09 stdin from /dev/null reads EOF at once")
            << DEVNULL << PIPE << PIPE << stdinLength << QByteArray() << QByteArray("0")
            << QByteArray();
    QTest::newRow("PC-09 stdout to /dev/null") << PIPE << DEVNULL << PIPE << outErr << QByteArray()
                                               << QByteArray() << QByteArray("ERR:x");
    QTest::newRow("PC-09 stderr to /dev/null")
            << DEVNULL << PIPE << DEVNULL << outErr << QByteArray() << QByteArray("OUT:x")
            << QByteArray();
    QTest::newRow("stderr to stdout to /dev/null") << DEVNULL << DEVNULL << STDOUT << outErr
                                                   << QByteArray() << QByteArray() << QByteArray();
}

void tst_Spawn::stdioModes()
{
    QFETCH(Stdio, in);
    QFETCH(Stdio, out);
    QFETCH(Stdio, err);
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expectedOut);
    QFETCH(QByteArray, expectedErr);
    SpawnedChild child = spawn(arguments, piped(in, out, err));
    QCOMPARE(child.stdinFd.isValid(), in == PIPE);
    QCOMPARE(child.stdoutFd.isValid(), out == PIPE);
    QCOMPARE(child.stderrFd.isValid(), err == PIPE);
    if (child.stdinFd) {
        QVERIFY(writeAll(child.stdinFd.get(), input));
        child.stdinFd.reset();
    }
    QCOMPARE(child.stdoutFd ? readFrom(child.stdoutFd.get()) : QByteArray(), expectedOut);
    QCOMPARE(child.stderrFd ? readFrom(child.stderrFd.get()) : QByteArray(), expectedErr);
    QCOMPARE(waitChild(child), 0);
}

void tst_Spawn::parentEndsAreCloseOnExecAndBlocking()
{
    for (const Stdio &mode : {PIPE, Stdio::pty()}) {
        SpawnedChild child = spawn({QStringLiteral("cat")}, piped(mode, mode, mode));
        for (const int fd :
             {child.pidfd.get(), child.stdinFd.get(), child.stdoutFd.get(), child.stderrFd.get()}) {
            if (fd < 0 && mode == Stdio::pty()) // stderr: the pty's output is read as stdout
                continue;
            QVERIFY(fd >= 3);
            QVERIFY(::fcntl(fd, F_GETFD) & FD_CLOEXEC);
            QCOMPARE(::fcntl(fd, F_GETFL) & O_NONBLOCK, 0);
        }
        child.stdinFd.reset();
        if (mode == Stdio::pty()) // cat on a terminal ends at ^D, not when the master closes
            QVERIFY(writeAll(child.stdoutFd.get(), "\x04"));
        readFrom(child.stdoutFd.get());
        QCOMPARE(waitChild(child), 0);
    }
}

// Stdio::inherit(): the child's stdin is the test's own fd 0 (a pipe for this test).
void tst_Spawn::inheritsTheParentsStdin()
{
    int fds[2];
    QCOMPARE(::pipe2(fds, O_CLOEXEC), 0);
    UniqueFd readEnd(fds[0]), writeEnd(fds[1]);
    ReplacedFd stdinReplaced(0, readEnd.get());
    const SpawnedChild child
            = spawn({QStringLiteral("stdin-length")}, piped(Stdio::inherit(), PIPE, DEVNULL));
    stdinReplaced.restore();
    readEnd.reset();
    QVERIFY(writeAll(writeEnd.get(), "abcd"));
    writeEnd.reset();
    QCOMPARE(readFrom(child.stdoutFd.get()), QByteArray("4"));
    QCOMPARE(waitChild(child), 0);
}

void tst_Spawn::fdModeKeepsTheParentsDescriptor()
{
    QTemporaryFile file;
    QVERIFY(file.open());
    const SpawnedChild child = spawn({QStringLiteral("echo"), QStringLiteral("to a file")},
                                     piped(DEVNULL, Stdio::fd(file.handle()), DEVNULL));
    QCOMPARE(waitChild(child), 0);
    QVERIFY(::fcntl(file.handle(), F_GETFD) >= 0);
    file.seek(0);
    QCOMPARE(file.readAll(), QByteArray("to a file\n"));
}

// With the test's fd 0 closed, the first pipe lands on 0; it must not stay there (the child's
// dup onto 0 would clobber it) and stdin must still be the pipe.
void tst_Spawn::stdioWhenTheParentClosedItsOwn()
{
    ReplacedFd stdinClosed(0, -1);
    SpawnedChild child = spawn({QStringLiteral("cat")}, piped(PIPE, PIPE, DEVNULL));
    const bool zeroFree = ::fcntl(0, F_GETFD) < 0;
    stdinClosed.restore();
    QVERIFY(zeroFree);
    QVERIFY(writeAll(child.stdinFd.get(), "abc"));
    child.stdinFd.reset();
    QCOMPARE(readFrom(child.stdoutFd.get()), QByteArray("abc"));
    QCOMPARE(waitChild(child), 0);
}

// Stdio::fd(0) for stdout while stdin is /dev/null: the child must not dup /dev/null onto 0
// before it copies the parent's fd 0 onto 1.
void tst_Spawn::fdSourceBelowThree()
{
    int fds[2];
    QCOMPARE(::pipe2(fds, O_CLOEXEC), 0);
    UniqueFd readEnd(fds[0]), writeEnd(fds[1]);
    ReplacedFd stdinReplaced(0, writeEnd.get());
    const SpawnedChild child = spawn({QStringLiteral("echo"), QStringLiteral("via fd 0")},
                                     piped(DEVNULL, Stdio::fd(0), DEVNULL));
    stdinReplaced.restore();
    writeEnd.reset();
    QCOMPARE(readFrom(readEnd.get()), QByteArray("via fd 0\n"));
    QCOMPARE(waitChild(child), 0);
}

// PC-10: stdin is a real pipe, so a child can open /dev/stdin by name.
void tst_Spawn::devStdinIsARealPipe()
{
    SpawnedChild child = spawn({QStringLiteral("read-dev-stdin")}, piped(PIPE, PIPE, DEVNULL));
    QVERIFY(writeAll(child.stdinFd.get(), "abc"));
    child.stdinFd.reset();
    QCOMPARE(readFrom(child.stdoutFd.get()), QByteArray("abc"));
    QCOMPARE(waitChild(child), 0);
}

void tst_Spawn::closeFdsByDefault()
{
    const UniqueFd inheritable(::fcntl(2, F_DUPFD, 50));
    QVERIFY(inheritable.get() >= 50);
    const SpawnedChild child = spawn({QStringLiteral("print-fds")}, piped(PIPE, PIPE, PIPE));
    QCOMPARE(describe(fdsPrinted(readFrom(child.stdoutFd.get()))), QStringLiteral("0,1,2"));
    QCOMPARE(waitChild(child), 0);
}

void tst_Spawn::passFdsWithGaps()
{
    const UniqueFd inheritable(::fcntl(2, F_DUPFD, 40));
    const UniqueFd a(::fcntl(2, F_DUPFD_CLOEXEC, 41));
    const UniqueFd b(::fcntl(2, F_DUPFD_CLOEXEC, 44));
    const UniqueFd c(::fcntl(2, F_DUPFD_CLOEXEC, 49));
    ProcessOptions options = piped(DEVNULL, PIPE, DEVNULL);
    options.passFds = {c.get(), a.get(), 1, b.get(), a.get()}; // unsorted, repeated, one below 3
    const SpawnedChild child = spawn({QStringLiteral("print-fds")}, options);
    const QSet<int> expected{0, 1, 2, a.get(), b.get(), c.get()};
    QCOMPARE(describe(fdsPrinted(readFrom(child.stdoutFd.get()))), describe(expected));
    QCOMPARE(waitChild(child), 0);
    QVERIFY(::fcntl(a.get(), F_GETFD) & FD_CLOEXEC); // the parent's copies are untouched
}

// closeFds = false: the child gets exactly the parent's inheritable descriptors, never one of
// Aproc's pipe ends (they are close-on-exec).
void tst_Spawn::closeFdsFalseKeepsOnlyInheritable()
{
    const UniqueFd inheritable(::fcntl(2, F_DUPFD, 50));
    ProcessOptions options = piped(PIPE, PIPE, PIPE);
    options.closeFds = false;
    const QSet<int> expected = inheritableFds() + QSet<int>{0, 1, 2};
    SpawnedChild child = spawn({QStringLiteral("print-fds")}, options);
    child.stdinFd.reset();
    QCOMPARE(describe(fdsPrinted(readFrom(child.stdoutFd.get()))), describe(expected));
    QCOMPARE(waitChild(child), 0);
}

// PC-08: with closeFds = false the child does not hold its own stdin's write end, so it sees EOF.
void tst_Spawn::pipeEndsNeverReachTheChild()
{
    ProcessOptions options = piped(PIPE, PIPE, DEVNULL);
    options.closeFds = false;
    SpawnedChild child = spawn({QStringLiteral("stdin-length")}, options);
    QVERIFY(writeAll(child.stdinFd.get(), "abc"));
    child.stdinFd.reset();
    QCOMPARE(readFrom(child.stdoutFd.get()), QByteArray("3"));
    QCOMPARE(waitChild(child), 0);
}

void tst_Spawn::workingDirectory()
{
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    ProcessOptions options = piped(DEVNULL, PIPE, DEVNULL);
    options.workingDirectory = directory.path();
    const SpawnedChild child = spawn({QStringLiteral("print-cwd")}, options);
    QCOMPARE(QString::fromLocal8Bit(readFrom(child.stdoutFd.get())),
             QDir(directory.path()).canonicalPath());
    QCOMPARE(waitChild(child), 0);
}

void tst_Spawn::environment_data()
{
    QTest::addColumn<std::optional<QProcessEnvironment>>("environment");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<int>("status");
    QProcessEnvironment foo;
    foo.insert(QStringLiteral("FOO"), QStringLiteral("baz"));
    QProcessEnvironment nonAscii;
    nonAscii.insert(QStringLiteral("FOO"), QStringLiteral("h\u00e9llo"));
    const QString probe = QStringLiteral("APROC_TST_SPAWN_PROBE");
    const std::optional<QProcessEnvironment> unset;
    QTest::newRow("PC-05 FOO=baz")
            << std::optional(foo) << QStringLiteral("FOO") << QByteArray("baz") << 0;
    QTest::newRow("non-ASCII value in UTF-8")
            << std::optional(nonAscii) << QStringLiteral("FOO") << QByteArray("h\xc3\xa9llo") << 0;
    QTest::newRow("a given environment replaces the parent's")
            << std::optional(foo) << probe << QByteArray() << 1;
    QTest::newRow("an empty environment is empty")
            << std::optional(QProcessEnvironment()) << QStringLiteral("PATH") << QByteArray() << 1;
    QTest::newRow("unset inherits") << unset << probe << QByteArray("inherited") << 0;
    QTest::newRow("InheritFromParent inherits")
            << std::optional(QProcessEnvironment(QProcessEnvironment::InheritFromParent)) << probe
            << QByteArray("inherited") << 0;
}

void tst_Spawn::environment()
{
    QFETCH(std::optional<QProcessEnvironment>, environment);
    QFETCH(QString, name);
    QFETCH(QByteArray, value);
    QFETCH(int, status);
    ProcessOptions options = piped(DEVNULL, PIPE, DEVNULL);
    options.environment = environment;
    const SpawnedChild child = spawn({QStringLiteral("print-env"), name}, options);
    QCOMPARE(readFrom(child.stdoutFd.get()), value);
    QCOMPARE(waitChild(child), status);
}

// PC-07: a child in a session of its own is still reaped by pid.
void tst_Spawn::newSession()
{
    ProcessOptions options = piped(DEVNULL, PIPE, DEVNULL);
    options.startNewSession = true;
    const SpawnedChild child = spawn({QStringLiteral("pgid")}, options);
    const QByteArray id = QByteArray::number(child.pid);
    QCOMPARE(readFrom(child.stdoutFd.get()), id + ' ' + id + ' ' + id);
    QCOMPARE(child.processGroup, child.pid);
    QCOMPARE(waitChild(child), 0);

    options.processGroup = 0; // already its own group as a session leader: not an error
    const SpawnedChild leader = spawn({QStringLiteral("exit"), QStringLiteral("8")}, options);
    QCOMPARE(waitChild(leader), 8);
}

void tst_Spawn::processGroup()
{
    ProcessOptions options = piped(DEVNULL, PIPE, DEVNULL);
    options.processGroup = 0;
    const SpawnedChild first = spawn({QStringLiteral("sleep"), QStringLiteral("100")}, options);
    QCOMPARE(readFrom(first.stdoutFd.get(), "\n"), QByteArray("sleeping\n"));
    QCOMPARE(qint64(::getpgid(pid_t(first.pid))), first.pid);
    QCOMPARE(first.processGroup, first.pid);

    options.processGroup = pid_t(first.pid);
    const SpawnedChild second = spawn({QStringLiteral("pgid")}, options);
    const QList<QByteArray> ids = readFrom(second.stdoutFd.get()).split(' ');
    QCOMPARE(waitChild(second), 0);
    QCOMPARE(ids.size(), 3);
    QCOMPARE(ids[0].toLongLong(), second.pid);
    QCOMPARE(ids[1].toLongLong(), first.pid);
    QCOMPARE(ids[2].toLongLong(), qint64(::getsid(0)));
    QCOMPARE(second.processGroup, first.pid);
    ::kill(pid_t(first.pid), SIGKILL);
    QCOMPARE(waitChild(first), -SIGKILL);
}

// SG-03: the parent ignores SIGHUP and SIGPIPE and blocks SIGUSR1; restoreSignals gives the child
// default dispositions and an empty mask, restoreSignals = false the parent's.
void tst_Spawn::restoreSignals_data()
{
    QTest::addColumn<bool>("restore");
    QTest::newRow("SG-03 restoreSignals") << true;
    QTest::newRow("restoreSignals = false") << false;
}

void tst_Spawn::restoreSignals()
{
    QFETCH(bool, restore);
    struct sigaction ignore
    {
    }, oldHup{}, oldPipe{};
    ignore.sa_handler = SIG_IGN;
    ::sigaction(SIGHUP, &ignore, &oldHup);
    ::sigaction(SIGPIPE, &ignore, &oldPipe);
    sigset_t usr1, oldMask;
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    ::pthread_sigmask(SIG_BLOCK, &usr1, &oldMask);
    const auto undo = qScopeGuard([&] {
        ::sigaction(SIGHUP, &oldHup, nullptr);
        ::sigaction(SIGPIPE, &oldPipe, nullptr);
        ::pthread_sigmask(SIG_SETMASK, &oldMask, nullptr);
    });
    unsigned long blocked = 0, ignored = 0; // what the child would keep without restoreSignals
    sigset_t mask;
    ::pthread_sigmask(SIG_SETMASK, nullptr, &mask);
    for (int signo = 1; signo < 32; ++signo) {
        struct sigaction action
        { };
        ::sigaction(signo, nullptr, &action);
        blocked |= sigismember(&mask, signo) ? signalBit(signo) : 0;
        ignored |= action.sa_handler == SIG_IGN ? signalBit(signo) : 0;
    }
    QVERIFY(blocked & signalBit(SIGUSR1));
    QCOMPARE(ignored & (signalBit(SIGHUP) | signalBit(SIGPIPE)),
             signalBit(SIGHUP) | signalBit(SIGPIPE));

    ProcessOptions options = piped(DEVNULL, PIPE, DEVNULL);
    options.restoreSignals = restore;
    const SpawnedChild child = spawn({QStringLiteral("print-sigmask")}, options);
    const QByteArray expected = restore ? QByteArray("0 0")
                                        : QByteArray::number(quint64(blocked)) + ' '
                                                  + QByteArray::number(quint64(ignored));
    QCOMPARE(readFrom(child.stdoutFd.get()), expected);
    QCOMPARE(waitChild(child), 0);
}

// SG-03: SIGHUP kills a child whose parent ignores SIGHUP.
void tst_Spawn::defaultDispositionLetsSighupKill()
{
    struct sigaction ignore
    {
    }, old{};
    ignore.sa_handler = SIG_IGN;
    ::sigaction(SIGHUP, &ignore, &old);
    const auto undo = qScopeGuard([&] { ::sigaction(SIGHUP, &old, nullptr); });
    const SpawnedChild child = spawn({QStringLiteral("sleep"), QStringLiteral("100")},
                                     piped(DEVNULL, PIPE, DEVNULL));
    QCOMPARE(readFrom(child.stdoutFd.get(), "\n"), QByteArray("sleeping\n"));
    QCOMPARE(::kill(pid_t(child.pid), SIGHUP), 0);
    QCOMPARE(waitChild(child), -SIGHUP);
}

// The parent blocks every signal only while the child runs, then gets its own mask back.
void tst_Spawn::parentSignalMaskUntouched()
{
    sigset_t usr2, before, after;
    sigemptyset(&usr2);
    sigaddset(&usr2, SIGUSR2);
    ::pthread_sigmask(SIG_BLOCK, &usr2, &before);
    const auto undo = qScopeGuard([&] { ::pthread_sigmask(SIG_SETMASK, &before, nullptr); });
    ::pthread_sigmask(SIG_SETMASK, nullptr, &before);
    const SpawnedChild child = spawn({QStringLiteral("exit"), QStringLiteral("0")});
    QVERIFY_THROWS_EXCEPTION(OSError, spawnOrThrow({}, {}, QStringLiteral("/nonexistent/program")));
    ::pthread_sigmask(SIG_SETMASK, nullptr, &after);
    for (int signo = 1; signo < NSIG; ++signo)
        QCOMPARE(sigismember(&after, signo), sigismember(&before, signo));
    QCOMPARE(waitChild(child), 0);
}

void tst_Spawn::umask_data()
{
    QTest::addColumn<std::optional<mode_t>>("mask");
    QTest::addColumn<QByteArray>("printed");
    const mode_t current = ::umask(022);
    ::umask(current);
    QTest::newRow("027") << std::optional<mode_t>(027) << QByteArray("027");
    QTest::newRow("000") << std::optional<mode_t>(0) << QByteArray("000");
    QTest::newRow("unset: the parent's")
            << std::optional<mode_t>()
            << QByteArray::number(uint(current), 8).rightJustified(3, '0');
}

void tst_Spawn::umask()
{
    QFETCH(std::optional<mode_t>, mask);
    QFETCH(QByteArray, printed);
    ProcessOptions options = piped(DEVNULL, PIPE, DEVNULL);
    options.umask = mask;
    const SpawnedChild child = spawn({QStringLiteral("umask")}, options);
    QCOMPARE(readFrom(child.stdoutFd.get()), printed);
    QCOMPARE(waitChild(child), 0);
}

void tst_Spawn::dieWithParent_data()
{
    QTest::addColumn<bool>("die");
    QTest::addColumn<QByteArray>("signal");
    QTest::newRow("dieWithParent: SIGKILL") << true << QByteArray::number(SIGKILL);
    QTest::newRow("default: none") << false << QByteArray("0");
}

void tst_Spawn::dieWithParent()
{
    QFETCH(bool, die);
    QFETCH(QByteArray, signal);
    ProcessOptions options = piped(DEVNULL, PIPE, DEVNULL);
    options.dieWithParent = die;
    const SpawnedChild child = spawn({QStringLiteral("pdeathsig")}, options);
    QCOMPARE(readFrom(child.stdoutFd.get()), signal);
    QCOMPARE(waitChild(child), 0);
}

// PR_SET_PDEATHSIG fires when the thread that spawned the child ends, not only the process.
void tst_Spawn::dieWithParentFollowsTheSpawningThread()
{
    SpawnedChild child;
    std::thread([&child] {
        ProcessOptions options = piped(DEVNULL, DEVNULL, DEVNULL);
        options.dieWithParent = true;
        try {
            child = spawnOrThrow({QStringLiteral("sleep"), QStringLiteral("100")}, options);
        } catch (const std::exception &) { }
    }).join();
    QVERIFY(child.pid > 0);
    QCOMPARE(waitChild(child), -SIGKILL);
}

// One pty for all three streams, the controlling terminal of a session of the child's own; the
// parent gets two descriptors of the same master: stdin's, and stdout's, which reads the
// terminal's one output (a reader for stderr too would race it for the output).
void tst_Spawn::ptyOnEveryStream()
{
    const SpawnedChild child
            = spawn({QStringLiteral("tty-info")}, piped(Stdio::pty(), Stdio::pty(), Stdio::pty()));
    QVERIFY(child.stdinFd && child.stdoutFd && !child.stderrFd);
    QSet<int> ptyNumbers;
    for (const int fd : {child.stdinFd.get(), child.stdoutFd.get()}) {
        int number = -1;
        QCOMPARE(::ioctl(fd, TIOCGPTN, &number), 0);
        ptyNumbers.insert(number);
    }
    QCOMPARE(ptyNumbers.size(), 1);
    QCOMPARE(readFrom(child.stdoutFd.get()), QByteArray("tty=1,1,1 ctty=1,1,1"));
    QCOMPARE(waitChild(child), 0);
}

void tst_Spawn::ptyOnStdoutOnly()
{
    const SpawnedChild child
            = spawn({QStringLiteral("tty-info")}, piped(DEVNULL, Stdio::pty(), DEVNULL));
    QVERIFY(!child.stdinFd && child.stdoutFd && !child.stderrFd);
    QCOMPARE(child.processGroup, child.pid); // a controlling terminal needs its own session
    QCOMPARE(readFrom(child.stdoutFd.get()), QByteArray("tty=0,1,0 ctty=0,1,0"));
    QCOMPARE(waitChild(child), 0);
}

void tst_Spawn::ptyDialogue()
{
    const SpawnedChild child
            = spawn({QStringLiteral("answer")}, piped(Stdio::pty(), Stdio::pty(), Stdio::pty()));
    QVERIFY(readFrom(child.stdoutFd.get(), "name? ").endsWith("name? "));
    QVERIFY(writeAll(child.stdinFd.get(), "bob\n"));
    const QByteArray rest = readFrom(child.stdoutFd.get());
    QVERIFY2(rest.contains("hello bob\r\n"), rest.constData());
    QCOMPARE(waitChild(child), 0);
}

void tst_Spawn::pidfdRefersToTheChild()
{
    const SpawnedChild child = spawn({QStringLiteral("exit"), QStringLiteral("3")});
    QVERIFY(child.pid > 0);
    QCOMPARE(child.processGroup, 0); // by default, it stays in the parent's group
    QVERIFY(child.pidfd.isValid());
    QFile info(QStringLiteral("/proc/self/fdinfo/%1").arg(child.pidfd.get()));
    QVERIFY(info.open(QIODevice::ReadOnly));
    QVERIFY(info.readAll().contains(QByteArray("Pid:\t" + QByteArray::number(child.pid) + '\n')));
    info.close();
    pollfd exited{child.pidfd.get(), POLLIN, 0};
    QCOMPARE(::poll(&exited, 1, 60000), 1);
    QCOMPARE(waitChild(child), 3);
}

// ER-05 over many runs: successes and every kind of failure, interleaved.
void tst_Spawn::manySpawnsWithFailures()
{
    const QString missingDir = QStringLiteral("/nonexistent/aproc-no-such-directory");
    int started = 0, failed = 0;
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < 500; ++i) {
        ProcessOptions options = piped(i % 3 ? PIPE : DEVNULL, PIPE, i % 7 ? PIPE : Stdio::pty());
        QString program = helper;
        switch (i % 5) {
        case 0:
            program = QStringLiteral("/nonexistent/aproc-no-such-program");
            break;
        case 1:
            options.workingDirectory = missingDir;
            break;
        case 2:
            program = m_notExecutable;
            break;
        default:
            break;
        }
        try {
            SpawnedChild child = spawnOrThrow({QStringLiteral("exit"), QString::number(i % 100)},
                                              options, program);
            child.stdinFd.reset();
            readFrom(child.stdoutFd.get());
            QCOMPARE(waitChild(child), i % 100);
            ++started;
        } catch (const OSError &error) {
            QVERIFY2(i % 5 < 3, qPrintable(error.message()));
            QCOMPARE(error.errorNumber(), i % 5 == 2 ? EACCES : ENOENT);
            ++failed;
        } catch (const std::exception &error) {
            QFAIL(error.what());
        }
    }
    QCOMPARE(started, 200);
    QCOMPARE(failed, 300);
    qDebug("500 spawns (300 failing) in %lld ms", qint64(timer.elapsed()));
}

// Several threads spawn at once: each child gets its own streams and status.
void tst_Spawn::spawnsFromSeveralThreads()
{
    std::atomic<int> mismatches{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([t, &mismatches] {
            for (int i = 0; i < 25; ++i) {
                const QByteArray word = QByteArray::number(t * 100 + i);
                try {
                    SpawnedChild child
                            = spawnOrThrow({QStringLiteral("echo"), QString::fromLatin1(word)},
                                           piped(DEVNULL, PIPE, DEVNULL));
                    if (readFrom(child.stdoutFd.get()) != word + '\n' || waitChild(child) != 0)
                        ++mismatches;
                } catch (const std::exception &) {
                    ++mismatches;
                }
            }
        });
    }
    for (std::thread &thread : threads)
        thread.join();
    QCOMPARE(mismatches.load(), 0);
}

QTEST_GUILESS_MAIN(tst_Spawn)
#include "tst_spawn.moc"
