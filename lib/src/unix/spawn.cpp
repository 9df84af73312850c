// SPDX-License-Identifier: MIT
// spawnChild(): _posixsubprocess.fork_exec without the fork. The parent prepares everything
// (descriptors, argv, envp, the PATH candidates), cloneChild() runs the child in the parent's
// memory until it execs, and any failure is turned into the exception Python would raise, with
// every descriptor closed and the failed child reaped.
#include "unix/spawn_p.h"

#include "global/logging_p.h"
#include "unix/spawnchild_p.h"
#include "unix/spawnsteps_p.h"

#include <aproc/errors.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QFile>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <fcntl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utility>
#include <vector>

namespace aproc::detail {

namespace {

// A descriptor of ours that landed on 0, 1 or 2 (the parent had closed them) moves up, so that
// the child's dup3() onto 0..2 never clobbers a source it still needs.
UniqueFd aboveStdio(UniqueFd fd)
{
    if (fd.get() >= 3)
        return fd;
    UniqueFd moved(::fcntl(fd.get(), F_DUPFD_CLOEXEC, 3));
    if (!moved)
        throwOSError(errno);
    return moved;
}

UniqueFd duplicate(int fd)
{
    UniqueFd copy(::fcntl(fd, F_DUPFD_CLOEXEC, 3));
    if (!copy)
        throwOSError(errno);
    return copy;
}

// The descriptors of the three streams: the child's sides (closed here once it started) and
// the parent's (handed to the caller).
struct Plumbing
{
    UniqueFd parentEnds[3];
    UniqueFd childEnds[3];
    int sources[3] = {-1, -1, -1};
    int controllingTerminal = -1;
    UniqueFd devNull;
    UniqueFd ptySlave;
    int ptyMaster = -1; // owned by parentEnds[controllingTerminal]
};

void plumbPipe(Plumbing &plumbing, int stream)
{
    Pipe pipe = makePipe();
    UniqueFd readEnd = aboveStdio(std::move(pipe.readEnd));
    UniqueFd writeEnd = aboveStdio(std::move(pipe.writeEnd));
    plumbing.childEnds[stream] = stream == 0 ? std::move(readEnd) : std::move(writeEnd);
    plumbing.parentEnds[stream] = stream == 0 ? std::move(writeEnd) : std::move(readEnd);
    plumbing.sources[stream] = plumbing.childEnds[stream].get();
}

void plumbDevNull(Plumbing &plumbing, int stream)
{
    if (!plumbing.devNull) {
        UniqueFd devNull(::open("/dev/null", O_RDWR | O_CLOEXEC));
        if (!devNull)
            throwOSError(errno, QStringLiteral("/dev/null"));
        plumbing.devNull = aboveStdio(std::move(devNull));
    }
    plumbing.sources[stream] = plumbing.devNull.get();
}

// One pty for every stream that asks for one; its first stream owns the master, the others
// get duplicates, and the first becomes the controlling terminal. A terminal has one output:
// when stdout is on the pty, stderr's output arrives there too and gets no reader of its own
// (two readers of one master would split the output between them at random).
void plumbPty(Plumbing &plumbing, int stream)
{
    const bool outputReadAsStdout
            = stream == 2 && plumbing.ptySlave && plumbing.sources[1] == plumbing.ptySlave.get();
    if (plumbing.ptyMaster < 0) {
        PseudoTerminal pty = openPseudoTerminal();
        plumbing.ptySlave = aboveStdio(std::move(pty.slave));
        plumbing.parentEnds[stream] = aboveStdio(std::move(pty.master));
        plumbing.ptyMaster = plumbing.parentEnds[stream].get();
        plumbing.controllingTerminal = stream;
    } else if (!outputReadAsStdout) {
        plumbing.parentEnds[stream] = duplicate(plumbing.ptyMaster);
    }
    plumbing.sources[stream] = plumbing.ptySlave.get();
}

// Stdio::fromFile() and toFile(): opened here, so that an error names the path and nothing is
// spawned; the child gets a duplicate, and ours is closed once it started.
void plumbFile(Plumbing &plumbing, int stream, const Stdio &mode)
{
    int flags = O_RDONLY;
    if (mode.writesFile())
        flags = O_WRONLY | O_CREAT | (mode.fileMode() == FileMode::Append ? O_APPEND : O_TRUNC);
    UniqueFd file(
            ::open(QFile::encodeName(mode.path()).constData(), flags | O_CLOEXEC | O_NOCTTY, 0666));
    if (!file)
        throwOSError(errno, mode.path());
    plumbing.childEnds[stream] = aboveStdio(std::move(file));
    plumbing.sources[stream] = plumbing.childEnds[stream].get();
}

void plumbStream(Plumbing &plumbing, int stream, const Stdio &mode)
{
    switch (mode.kind()) {
    case Stdio::Kind::Inherit:
        break;
    case Stdio::Kind::Pipe:
        plumbPipe(plumbing, stream);
        break;
    case Stdio::Kind::DevNull:
        plumbDevNull(plumbing, stream);
        break;
    case Stdio::Kind::ToStdout:
        plumbing.sources[stream] = 1; // after stdout was set up in the child
        break;
    case Stdio::Kind::Fd:
        if (mode.descriptor() >= 3) {
            plumbing.sources[stream] = mode.descriptor();
        } else {
            plumbing.childEnds[stream] = duplicate(mode.descriptor());
            plumbing.sources[stream] = plumbing.childEnds[stream].get();
        }
        break;
    case Stdio::Kind::Pty:
        plumbPty(plumbing, stream);
        break;
    case Stdio::Kind::File:
        plumbFile(plumbing, stream, mode);
        break;
    }
}

// The strings the child passes to execve(), and the pointer arrays over them.
struct ExecData
{
    QList<QByteArray> candidates;
    QList<QByteArray> arguments;
    QList<QByteArray> environment;
    QByteArray workingDirectory;
    std::vector<const char *> candidatePointers;
    std::vector<char *> argumentPointers;
    std::vector<char *> environmentPointers;
    std::vector<int> keepFds;
};

std::vector<char *> pointersTo(QList<QByteArray> &strings)
{
    std::vector<char *> pointers;
    pointers.reserve(size_t(strings.size()) + 1);
    for (QByteArray &string : strings)
        pointers.push_back(string.data());
    pointers.push_back(nullptr);
    return pointers;
}

void prepareExec(ExecData &data, const QString &program, const QStringList &arguments,
                 const ProcessOptions &options)
{
    const QByteArray encodedProgram = QFile::encodeName(program);
    data.candidates = executableCandidates(encodedProgram, options.environment);
    for (const QByteArray &candidate : std::as_const(data.candidates))
        data.candidatePointers.push_back(candidate.constData());
    data.candidatePointers.push_back(nullptr);

    data.arguments.append(encodedProgram);
    for (const QString &argument : arguments)
        data.arguments.append(QFile::encodeName(argument));
    data.argumentPointers = pointersTo(data.arguments);

    if (options.environment && !options.environment->inheritsFromParent()) {
        const QProcessEnvironment &environment = *options.environment;
        for (const QString &name : environment.keys())
            data.environment.append(name.toLocal8Bit() + '='
                                    + environment.value(name).toLocal8Bit());
        data.environmentPointers = pointersTo(data.environment);
    }
    data.workingDirectory = QFile::encodeName(options.workingDirectory);

    for (const int fd : options.passFds) {
        if (fd >= 3)
            data.keepFds.push_back(fd);
    }
    std::sort(data.keepFds.begin(), data.keepFds.end());
    data.keepFds.erase(std::unique(data.keepFds.begin(), data.keepFds.end()), data.keepFds.end());
}

ChildPlan makePlan(ExecData &data, const Plumbing &plumbing, const ProcessOptions &options,
                   const SpawnContainment &containment)
{
    ChildPlan plan;
    plan.executables = data.candidatePointers.data();
    plan.argv = data.argumentPointers.data();
    plan.envp = data.environmentPointers.empty() ? environ : data.environmentPointers.data();
    plan.workingDirectory
            = data.workingDirectory.isEmpty() ? nullptr : data.workingDirectory.constData();
    std::copy(std::begin(plumbing.sources), std::end(plumbing.sources), plan.stdioSource);
    plan.controllingTerminal = plumbing.controllingTerminal;
    // A controlling terminal needs a session of the child's own, which is its own group too.
    plan.newSession = options.startNewSession || plumbing.controllingTerminal >= 0;
    if (options.processGroup && !(plan.newSession && *options.processGroup == 0))
        plan.processGroup = *options.processGroup;
    if (containment.ownProcessGroup && !plan.newSession && plan.processGroup < 0)
        plan.processGroup = 0;
    plan.cgroupProcsFd = containment.cgroupProcsFd;
    plan.childSubreaper = containment.subreaper;
    plan.closeFds = options.closeFds;
    plan.keepFds = data.keepFds.data();
    plan.keepFdCount = int(data.keepFds.size());
    plan.umask = options.umask ? int(*options.umask) : -1;
    plan.dieWithParent = options.dieWithParent && !containment.guardianInstead;
    plan.restoreSignals = options.restoreSignals;
    return plan;
}

void reapFailedChild(pid_t pid)
{
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) { }
}

const char *stepName(ChildStep step)
{
    switch (step) {
    case ChildStep::None:
        return "none";
    case ChildStep::Signals:
        return "signal dispositions";
    case ChildStep::ParentDeath:
        return "PR_SET_PDEATHSIG";
    case ChildStep::Session:
        return "setsid";
    case ChildStep::ProcessGroup:
        return "setpgid";
    case ChildStep::Cgroup:
        return "moving into its cgroup";
    case ChildStep::Subreaper:
        return "PR_SET_CHILD_SUBREAPER";
    case ChildStep::Stdio:
        return "dup3 of the standard streams";
    case ChildStep::ControllingTerminal:
        return "TIOCSCTTY";
    case ChildStep::WorkingDirectory:
        return "chdir";
    case ChildStep::PassFds:
        return "passFds";
    case ChildStep::Exec:
        return "execve";
    }
    return "?";
}

[[noreturn]] void throwChildFailure(const ChildPlan &plan, const QString &program,
                                    const ProcessOptions &options)
{
    qCDebug(lcProcess, "starting %s failed in the child at %s: errno %d", qPrintable(program),
            stepName(plan.failedStep), plan.error);
    switch (plan.failedStep) {
    case ChildStep::WorkingDirectory:
        throwOSError(plan.error, options.workingDirectory);
    case ChildStep::Exec:
        throwOSError(plan.error, program);
    default:
        throwOSError(plan.error);
    }
}

// pidfd_open() where clone() would not give a pidfd; the pid cannot have been recycled: it is
// our unreaped child.
UniqueFd openPidfd(pid_t pid)
{
    static std::atomic<bool> works{true};
    if (!works.load(std::memory_order_relaxed))
        return {};
    UniqueFd pidfd(int(::syscall(SYS_pidfd_open, pid, 0)));
    if (!pidfd && (errno == ENOSYS || errno == EPERM)) // before Linux 5.3, or seccomp
        works.store(false, std::memory_order_relaxed);
    return pidfd;
}

} // namespace

SpawnedChild spawnChild(const QString &program, const QStringList &arguments,
                        const ProcessOptions &options, const SpawnContainment &containment)
{
    validateSpawnArguments(program, arguments, options);
    if (containment.ownProcessGroup && options.processGroup && *options.processGroup > 0) {
        throw ValueError(
                QCoreApplication::translate(
                        "aproc",
                        "containment by process group needs a group of the child's own, but "
                        "processGroup is %1")
                        .arg(*options.processGroup));
    }
    ExecData data;
    prepareExec(data, program, arguments, options);
    Plumbing plumbing;
    plumbStream(plumbing, 0, options.stdinMode);
    plumbStream(plumbing, 1, options.stdoutMode);
    plumbStream(plumbing, 2, options.stderrMode);
    applyPipeSize(options, plumbing.parentEnds);

    ChildPlan plan = makePlan(data, plumbing, options, containment);
    const CloneResult clone = cloneChild(plan);
    if (clone.pid < 0)
        throwOSError(clone.error, program);
    UniqueFd pidfd(clone.pidfd);
    if (plan.failedStep != ChildStep::None) {
        reapFailedChild(clone.pid);
        throwChildFailure(plan, program, options);
    }
    if (!pidfd)
        pidfd = openPidfd(clone.pid);
    if (pidfd && pidfd.get() < 3) { // never throws: the child runs now
        if (UniqueFd moved(::fcntl(pidfd.get(), F_DUPFD_CLOEXEC, 3)); moved)
            pidfd = std::move(moved);
    }
    qCDebug(lcProcess, "started %s: pid %d", qPrintable(program), int(clone.pid));

    SpawnedChild child;
    child.pid = clone.pid;
    child.pidfd = std::move(pidfd);
    child.stdinFd = std::move(plumbing.parentEnds[0]);
    child.stdoutFd = std::move(plumbing.parentEnds[1]);
    child.stderrFd = std::move(plumbing.parentEnds[2]);
    if (plan.newSession || plan.processGroup == 0)
        child.processGroup = clone.pid;
    else if (plan.processGroup > 0)
        child.processGroup = plan.processGroup;
    return child;
}

} // namespace aproc::detail
