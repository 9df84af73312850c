// SPDX-License-Identifier: MIT
#pragma once

#include <aproc/aproc_export.h>
#include <aproc/containment.h>
#include <aproc/eventloop.h>
#include <aproc/processoptions.h>
#include <aproc/protocols.h>
#include <aproc/task.h>

#include <QtCore/QByteArray>
#include <QtCore/QObject>
#include <QtCore/QStringList>

#include <chrono>
#include <memory>
#include <optional>
#include <type_traits>
#include <utility>

namespace aproc {

class ProcessPrivate;
class StreamReader;
class StreamWriter;
class SubprocessTransport;
struct ResourceUsage;

/*! \brief What communicate() gives: each output, or an empty optional where that stream was not
 *  piped. */
struct Communicated
{
    std::optional<QByteArray> out; //!< \brief stdout's bytes (communicate()'s stdout_data).
    std::optional<QByteArray> err; //!< \brief stderr's bytes (communicate()'s stderr_data).
    /*! \brief Empty, unless ProcessOptions::exitDrain's grace expired with a pipe still open:
     *  then each process that still held one, as "pid command" (out and err are what was read
     *  until then). */
    QStringList outputHeldBy;
};

/*! \brief A child process (asyncio.subprocess.Process), awaitable and with Qt signals.
 *
 *  Made by createSubprocessExec()/createSubprocessShell() in a coroutine, or by start() and
 *  startShell() from signal/slot code. Signals come from later loop iterations, never from inside
 *  the call that created the process: connecting right after creation misses nothing.
 *  Destroying a Process whose child still runs kills the child and still reaps it: no zombie.
 *  Belongs to the thread that created it. */
class APROC_EXPORT Process : public QObject
{
    Q_OBJECT

public:
    /*! \brief A process not started yet: start() or startShell() runs it. */
    explicit Process(QObject *parent = nullptr);
    ~Process() override;

    /*! \brief Starts \a program without a coroutine; a failed start is reported by
     *  errorOccurred() from a later loop iteration, as are all signals. */
    void start(const QString &program, const QStringList &arguments = {},
               const ProcessOptions &options = {});
    /*! \brief start() of `/bin/sh -c command`. */
    void startShell(const QString &command, const ProcessOptions &options = {});

    /*! \brief The child's process id (Process.pid); 0 before it started. For a shell, the
     *  shell's. */
    qint64 pid() const;
    /*! \brief Empty while running; the exit status, or -N when killed by signal N
     *  (Process.returncode). */
    std::optional<int> returncode() const;
    /*! \brief The child's stdin when it is a pipe and streams are on, else null (Process.stdin).
     */
    StreamWriter *standardInput() const;
    /*! \brief The child's stdout when it is a pipe and streams are on, else null. */
    StreamReader *standardOutput() const;
    /*! \brief The child's stderr when it is a pipe and streams are on, else null. */
    StreamReader *standardError() const;
    /*! \brief The transport (low level), or null before the start. */
    SubprocessTransport *transport() const;

    /*! \brief Waits for the child to exit and gives its returncode (Process.wait). Resolves at
     *  exit even if a grandchild still holds a pipe open. Cancelling it never kills the child. */
    Task<int> wait();
    /*! \brief Writes \a input to stdin (if given), closes stdin, reads stdout and stderr to EOF
     *  concurrently, waits for the exit (Process.communicate). Throws ValueError if \a input is
     *  given but stdin is not a pipe. BrokenPipeError/ConnectionResetError while writing are
     *  ignored. */
    Task<Communicated> communicate(std::optional<QByteArray> input = std::nullopt);

    /*! \brief Sends \a signo (Process.send_signal); does nothing once the child was reaped. */
    void sendSignal(int signo);
    /*! \brief sendSignal(SIGTERM) (Process.terminate). */
    void terminate();
    /*! \brief sendSignal(SIGKILL) (Process.kill). For a contained child, SIGKILL to every
     *  process of its tree (`cgroup.kill` for a cgroup); waitForTree() says when all are gone.
     */
    void kill();
    /*! \brief Sends \a signo to every process of a contained child's tree, including those that
     *  left its group; for an uncontained child, to its process group (started with
     *  startNewSession, a processGroup of 0 or a pty, so that it leads a group of its own).
     *  Once the child was reaped, the group is still signalled while the child's output is open
     *  (a descendant holds it, so the group's id cannot have been reused); after that, and for a
     *  child without a group of its own, it does nothing. */
    void sendSignalToGroup(int signo);
    /*! \brief SIGTERM, then SIGKILL if the child is still alive after \a grace; gives the
     *  returncode. For a contained child, both go to every process of its tree, the SIGKILL
     *  to whatever is left of it after \a grace, and the returncode comes once the whole tree
     *  is gone. */
    Task<int> stop(std::chrono::milliseconds grace = std::chrono::seconds(5));
    /*! \brief Waits for the child to exit and, when contained, for every process of its tree to
     *  be gone; gives the returncode. For an uncontained child, wait(). */
    Task<int> waitForTree();

    /*! \brief The containment means in force for this child (None when not contained). */
    ContainmentMeans containment() const;
    /*! \brief The pids of the child's live descendants (not the child itself): every process
     *  of the tree when contained, else what /proc shows below the child while it runs. */
    QList<qint64> descendants() const;
    /*! \brief The live processes, CPU time and memory of the child's whole tree now (read
     *  from the cgroup or /proc at each call). */
    TreeUsage treeUsage() const;

    /*! \brief Sets the window size of the child's pseudo-terminal to \a rows x \a columns
     *  (TIOCSWINSZ on the master; the child gets SIGWINCH as usual). Does nothing unless a
     *  stream is a Stdio::pty(), or once the process was closed. A pty starts at 24x80. Python
     *  has no counterpart (its pty module leaves the size to termios). */
    void setWindowSize(int rows, int columns);

    /*! \brief Writes \a data to the child's stdin (QProcess::write()), for signal/slot code and
     *  `streams = false`: what the pipe does not take at once is buffered and written in order,
     *  never blocking. With streams on, standardInput() writes to the same pipe. Returns false,
     *  and takes nothing, when stdin is not open (isWriteChannelOpen()). */
    bool write(const QByteArray &data);
    /*! \brief Ends the child's input (QProcess::closeWriteChannel()): stdin is closed once what
     *  was written is flushed. On a pty, the terminal's end-of-file character (VEOF, usually
     *  Ctrl-D) is written instead, since closing the master would hang the terminal up; the
     *  terminal stays open for more input. Does nothing when stdin is not open. */
    void closeWriteChannel();
    /*! \brief True while stdin is a pipe or pty that takes writes: not closed by
     *  closeWriteChannel() (a pipe), the child's end not gone, the process not closed. */
    bool isWriteChannelOpen() const;
    /*! \brief Stops reading the child's stdout and stderr (pause_reading() of both pipe
     *  transports): the child blocks once a pipe is full, and nothing is lost. For
     *  `streams = false`; with streams on, the StreamReaders pause and resume reading
     *  themselves as their buffers fill and drain. */
    void pauseReading();
    /*! \brief Reads the child's stdout and stderr again (resume_reading()). */
    void resumeReading();
    /*! \brief True after pauseReading() until resumeReading(). */
    bool isReadingPaused() const;
    /*! \brief True when stream \a fd (0, 1 or 2) of the child is a Stdio::pty(). */
    bool isPty(int fd) const;

    /*! \brief CPU times and peak memory of the child, once it was reaped. */
    std::optional<ResourceUsage> resourceUsage() const;

Q_SIGNALS:
    /*! \brief The child was spawned. */
    void started(qint64 pid);
    /*! \brief The child wrote \a data on \a fd (1 or 2; every chunk, also when streams buffer it).
     */
    void outputReceived(int fd, const QByteArray &data);
    /*! \brief Pipe \a fd (0, 1 or 2) was closed. */
    void pipeClosed(int fd);
    /*! \brief The child was reaped. */
    void exited(int returncode);
    /*! \brief The child was reaped and every pipe closed: all output was delivered. */
    void finished(int returncode);
    /*! \brief ProcessOptions::exitDrain's grace expired: the pipes still open were closed;
     *  \a holders are the processes that held them, as "pid command". */
    void drainExpired(const QStringList &holders);
    /*! \brief start() failed; \a message names the program or directory. */
    void errorOccurred(const QString &message);

private:
    friend class ProcessPrivate;
    std::unique_ptr<ProcessPrivate> d;
};

/*! \brief Starts \a program with \a arguments (asyncio.create_subprocess_exec). Every stream is
 *  inherited unless \a options pipe it. Throws FileNotFoundError, PermissionError or OSError when
 *  the program cannot start, ValueError for bad arguments (before anything is spawned).
 *  Cancelled after the spawn, it kills and reaps the child before CancelledError reaches you. */
APROC_EXPORT Task<std::unique_ptr<Process>> createSubprocessExec(const QString &program,
                                                                 const QStringList &arguments,
                                                                 ProcessOptions options = {});

/*! \brief createSubprocessExec() of a whole command line, \a argv[0] being the program
 *  (`asyncio.create_subprocess_exec(*argv)`): `co_await createSubprocessExec(argv,
 *  ProcessOptions{.stdoutMode = PIPE})`. An empty \a argv is a ValueError. */
APROC_EXPORT Task<std::unique_ptr<Process>> createSubprocessExec(QStringList argv,
                                                                 ProcessOptions options = {});

/*! \brief Runs `/bin/sh -c command` (asyncio.create_subprocess_shell); quote arguments with
 *  shellQuote(). */
APROC_EXPORT Task<std::unique_ptr<Process>> createSubprocessShell(const QString &command,
                                                                  ProcessOptions options = {});

/*! \brief Options with stdin, stdout and stderr all piped: the default of
 *  EventLoop::subprocessExec() (asyncio's loop.subprocess_exec). */
inline ProcessOptions pipedOptions()
{
    ProcessOptions options;
    options.stdinMode = options.stdoutMode = options.stderrMode = PIPE;
    return options;
}

namespace detail {
APROC_EXPORT Task<std::shared_ptr<SubprocessTransport>>
subprocessExec(EventLoop *loop, std::shared_ptr<SubprocessProtocol> protocol, QString program,
               QStringList arguments, ProcessOptions options);
} // namespace detail

template<typename Factory>
Task<std::pair<std::shared_ptr<SubprocessTransport>, std::invoke_result_t<Factory &>>>
EventLoop::subprocessExec(Factory protocolFactory, QString program, QStringList arguments,
                          std::optional<ProcessOptions> options)
{
    auto protocol = protocolFactory();
    // Resolved before the co_await: GCC 12 copies an unconstructed temporary when a conditional
    // expression stands in a co_await operand.
    ProcessOptions resolved = options ? std::move(*options) : pipedOptions();
    auto transport = co_await detail::subprocessExec(this, protocol, std::move(program),
                                                     std::move(arguments), std::move(resolved));
    co_return std::make_pair(std::move(transport), std::move(protocol));
}

template<typename Factory>
Task<std::pair<std::shared_ptr<SubprocessTransport>, std::invoke_result_t<Factory &>>>
EventLoop::subprocessShell(Factory protocolFactory, QString command,
                           std::optional<ProcessOptions> options)
{
    return subprocessExec(std::move(protocolFactory), QStringLiteral("/bin/sh"),
                          {QStringLiteral("-c"), std::move(command)}, std::move(options));
}

} // namespace aproc
