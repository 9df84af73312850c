// SPDX-License-Identifier: MIT
#pragma once

#include <aproc/aproc_export.h>

#include <QtCore/QList>
#include <QtCore/QProcessEnvironment>
#include <QtCore/QString>

#include <optional>
#include <sys/types.h>

namespace aproc {

/*! \brief Where one of the child's standard streams goes (asyncio's stdin=/stdout=/stderr=).
 *  The default, inherit(), is Python's None. */
class APROC_EXPORT Stdio
{
public:
    /*! \brief Which of inherit(), pipe(), devNull(), toStdout(), fd() and pty() made it. */
    enum class Kind { Inherit, Pipe, DevNull, ToStdout, Fd, Pty };

    constexpr Stdio() = default;
    /*! \brief The child shares the parent's stream (None). */
    static constexpr Stdio inherit() { return Stdio(Kind::Inherit); }
    /*! \brief A new pipe; the parent's end becomes a StreamReader/StreamWriter (PIPE). */
    static constexpr Stdio pipe() { return Stdio(Kind::Pipe); }
    /*! \brief /dev/null (DEVNULL). */
    static constexpr Stdio devNull() { return Stdio(Kind::DevNull); }
    /*! \brief stderr only: the same pipe or file as stdout (STDOUT). */
    static constexpr Stdio toStdout() { return Stdio(Kind::ToStdout); }
    /*! \brief An open descriptor of the parent, duplicated into the child (the parent keeps it). */
    static constexpr Stdio fd(int descriptor) { return Stdio(Kind::Fd, descriptor); }
    /*! \brief The child's side of a pseudo-terminal, which becomes its controlling terminal; the
     *  parent reads and writes the master side. Every stream with pty() shares one terminal. A
     *  terminal has one output: with stdout and stderr both on it, everything the child writes
     *  arrives as stdout (fd 1), in order, and stderr has no pipe of its own. */
    static constexpr Stdio pty() { return Stdio(Kind::Pty); }

    /*! \brief Which kind of stream this is. */
    constexpr Kind kind() const { return m_kind; }
    /*! \brief The descriptor of fd(); -1 otherwise. */
    constexpr int descriptor() const { return m_fd; }
    /*! \brief Same kind and descriptor. */
    constexpr bool operator==(const Stdio &) const = default;

private:
    constexpr explicit Stdio(Kind kind, int fd = -1) : m_kind(kind), m_fd(fd) { }
    Kind m_kind = Kind::Inherit;
    int m_fd = -1;
};

/*! \brief asyncio.subprocess.PIPE */
inline constexpr Stdio PIPE = Stdio::pipe();
/*! \brief asyncio.subprocess.STDOUT */
inline constexpr Stdio STDOUT = Stdio::toStdout();
/*! \brief asyncio.subprocess.DEVNULL */
inline constexpr Stdio DEVNULL = Stdio::devNull();

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
    /*! \brief Linux PR_SET_PDEATHSIG(SIGKILL): the child dies with this process. What the child
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
};

} // namespace aproc
