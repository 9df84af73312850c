// SPDX-License-Identifier: MIT
#pragma once

#include <aproc/aproc_export.h>
#include <aproc/containment.h>

#include <QtCore/QList>
#include <QtCore/QProcessEnvironment>
#include <QtCore/QString>

#include <chrono>
#include <optional>
#include <sys/types.h>
#include <utility>

namespace aproc {

/*! \brief How Stdio::toFile() opens its file: `> path` or `>> path`. */
enum class FileMode {
    Truncate, //!< \brief Created if missing, emptied if there (the shell's `>`).
    Append, //!< \brief Created if missing, written at its end (the shell's `>>`).
};

/*! \brief Where one of the child's standard streams goes (asyncio's stdin=/stdout=/stderr=).
 *  The default, inherit(), is Python's None. */
class APROC_EXPORT Stdio
{
public:
    /*! \brief Which of inherit(), pipe(), devNull(), toStdout(), fd(), pty(), fromFile() and
     *  toFile() made it. */
    enum class Kind { Inherit, Pipe, DevNull, ToStdout, Fd, Pty, File };

    Stdio() = default;
    /*! \brief The child shares the parent's stream (None). */
    static Stdio inherit() { return Stdio(Kind::Inherit); }
    /*! \brief A new pipe; the parent's end becomes a StreamReader/StreamWriter (PIPE). */
    static Stdio pipe() { return Stdio(Kind::Pipe); }
    /*! \brief /dev/null (DEVNULL). */
    static Stdio devNull() { return Stdio(Kind::DevNull); }
    /*! \brief stderr only: the same pipe or file as stdout (STDOUT). */
    static Stdio toStdout() { return Stdio(Kind::ToStdout); }
    /*! \brief An open descriptor of the parent, duplicated into the child (the parent keeps it). */
    static Stdio fd(int descriptor) { return Stdio(Kind::Fd, descriptor); }
    /*! \brief The child's side of a pseudo-terminal, which becomes its controlling terminal; the
     *  parent reads and writes the master side. Every stream with pty() shares one terminal. A
     *  terminal has one output: with stdout and stderr both on it, everything the child writes
     *  arrives as stdout (fd 1), in order, and stderr has no pipe of its own. */
    static Stdio pty() { return Stdio(Kind::Pty); }
    /*! \brief stdin only: the file at \a path, read from its start (the shell's `< path`).
     *  Opened by the parent before the spawn: a missing file is a FileNotFoundError naming it,
     *  and nothing is spawned. */
    static Stdio fromFile(const QString &path) { return Stdio(Kind::File, -1, path); }
    /*! \brief stdout or stderr only: the file at \a path, created with mode 0666 less the umask
     *  if it is missing, and emptied or appended to as \a mode says (the shell's `> path` and
     *  `>> path`). Opened by the parent before the spawn, so an error names the path and
     *  nothing is spawned. For stdout and stderr in one file, give stderr toStdout(): two opens
     *  of one file with Truncate would write over each other. */
    static Stdio toFile(const QString &path, FileMode mode = FileMode::Truncate)
    {
        Stdio file(Kind::File, -1, path);
        file.m_writes = true;
        file.m_mode = mode;
        return file;
    }

    /*! \brief Which kind of stream this is. */
    Kind kind() const { return m_kind; }
    /*! \brief The descriptor of fd(); -1 otherwise. */
    int descriptor() const { return m_fd; }
    /*! \brief The path of fromFile() and toFile(); empty otherwise. */
    QString path() const { return m_path; }
    /*! \brief True for toFile(): the child writes the file; false for fromFile(). */
    bool writesFile() const { return m_writes; }
    /*! \brief How toFile() opens its file. */
    FileMode fileMode() const { return m_mode; }
    /*! \brief Same kind, descriptor, path and mode. */
    bool operator==(const Stdio &) const = default;

private:
    explicit Stdio(Kind kind, int fd = -1, QString path = {})
        : m_kind(kind), m_fd(fd), m_path(std::move(path))
    { }
    Kind m_kind = Kind::Inherit;
    int m_fd = -1;
    QString m_path;
    bool m_writes = false;
    FileMode m_mode = FileMode::Truncate;
};

/*! \brief asyncio.subprocess.PIPE */
inline const Stdio PIPE = Stdio::pipe();
/*! \brief asyncio.subprocess.STDOUT */
inline const Stdio STDOUT = Stdio::toStdout();
/*! \brief asyncio.subprocess.DEVNULL */
inline const Stdio DEVNULL = Stdio::devNull();

/*! \brief What happens to the child when the task awaiting its Process::wait() or
 *  Process::communicate() is cancelled (by cancel(), a TaskGroup or a timeout scope), once
 *  ProcessOptions::stopOnCancel asks for it: the child is stopped and reaped before
 *  CancelledError leaves the awaiting call. Without it, cancelling a wait never touches the
 *  child (asyncio's behaviour, CONFORMANCE D3). */
struct StopOnCancel
{
    /*! \brief How long the child may take after SIGTERM before it gets SIGKILL. */
    std::chrono::milliseconds grace = std::chrono::seconds(5);
    /*! \brief true: SIGTERM and SIGKILL go to the child's whole process group, which needs a
     *  group of its own (startNewSession, a processGroup of 0, or a pty); otherwise the spawn
     *  is a ValueError. false: to the child alone. */
    bool wholeGroup = false;
};

/*! \brief How to start a child: the keyword arguments of create_subprocess_exec() and
 *  subprocess.Popen, as one value. Every member has a default, so that designated initializers
 *  name only what differs: `ProcessOptions{.stdoutMode = PIPE, .dieWithParent = true}` (in
 *  declaration order, as C++ requires). */
struct ProcessOptions
{
    Stdio stdinMode{}; //!< \brief stdin= (inherit by default)
    Stdio stdoutMode{}; //!< \brief stdout=
    Stdio stderrMode{}; //!< \brief stderr=
    qsizetype limit = 65536; //!< \brief the StreamReader limit (> 0)
    QString workingDirectory{}; //!< \brief cwd=; empty: the parent's
    std::optional<QProcessEnvironment> environment{}; //!< \brief env=; unset: the parent's
    bool startNewSession = false; //!< \brief start_new_session= (setsid)
    std::optional<pid_t> processGroup{}; //!< \brief process_group= (setpgid; 0: its own)
    bool closeFds = true; //!< \brief close_fds=
    QList<int> passFds{}; //!< \brief pass_fds=: kept open in the child
    bool restoreSignals = true; //!< \brief restore_signals=: default dispositions, empty mask
    std::optional<mode_t> umask{}; //!< \brief umask=; unset: inherited
    /*! \brief Linux PR_SET_PDEATHSIG(SIGKILL): the child dies with this process. With
     *  containment, its whole tree does too, however this process ends (a crash, SIGKILL, the
     *  OOM killer): a guardian process, started on first use, kills every such tree within a
     *  second of this process's death (docs/process.md). Without containment, what the child
     *  starts is not covered; killChildGroupsOnCrash() covers its group on a crash. */
    bool dieWithParent = false;
    /*! \brief true: piped output is buffered in StreamReaders. false: it reaches you only through
     *  Process::outputReceived and nothing is buffered (the mode for GUIs). */
    bool streams = true;
    /*! \brief The capacity in bytes of each pipe made for stdin, stdout and stderr (Linux
     *  F_SETPIPE_SZ, set before the child starts); unset: the system's default (64 KiB). A
     *  larger pipe means fewer wake-ups for a child that writes or reads a lot. The kernel
     *  rounds the size up to a power of two pages; a size above /proc/sys/fs/pipe-max-size is
     *  clamped to it (as an unprivileged process could not get more), and a size <= 0 throws
     *  ValueError before anything is spawned. Python has no counterpart (its subprocess has
     *  pipesize=, which fails instead of clamping). Ignored for a pty. */
    std::optional<int> pipeSize{};
    /*! \brief Set: cancelling the task that awaits wait() or communicate() stops the child
     *  (SIGTERM, the grace, SIGKILL) and reaps it before CancelledError propagates; a second
     *  cancel during the grace sends SIGKILL at once. Unset: cancelling a wait leaves the child
     *  running (asyncio). See docs/process.md for which to use when. */
    std::optional<StopOnCancel> stopOnCancel{};
    /*! \brief Set: the child's whole process tree is contained (a cgroup of its own, or its
     *  process group tracked from /proc), so that stop(), kill() and sendSignalToGroup() reach
     *  every descendant, even one that called setsid. Unset: the child alone, as asyncio. */
    std::optional<Containment> containment{};
    /*! \brief Set: communicate() and finished wait at most this long for the pipes after the
     *  child exited; then the pipes are closed, what was read is kept, and the descendants still
     *  holding them are named (Process::drainExpired). Unset: they wait for EOF (asyncio). */
    std::optional<ExitDrain> exitDrain{};
};

} // namespace aproc
