// SPDX-License-Identifier: MIT
//
//  W A R N I N G
//  -------------
// This file is not part of the Aproc API. It may change from version to version.
#pragma once

#include <aproc/containment.h>
#include <aproc/eventloop.h>
#include <aproc/future.h>
#include <aproc/processoptions.h>
#include <aproc/protocols.h>
#include <aproc/resourceusage.h>
#include <aproc/task.h>
#include <aproc/transports.h>

#include "unix/fd_p.h"
#include "unix/pipeholders_p.h"

#include <QtCore/QStringList>

#include <array>
#include <deque>
#include <memory>
#include <optional>
#include <vector>

namespace aproc::detail {

class ContainedTree;
class SubprocessTransportImpl;

/*! What a protocol of Aproc's own (ProcessProtocol) hears beyond asyncio's callbacks; the
 *  transport calls it on a protocol that implements it, in order with the other callbacks. */
class ExitDrainListener
{
public:
    /*! ProcessOptions::exitDrain's grace expired: the pipes still open are closing now (their
     *  pipeConnectionLost() follows); \a holders held them, as "pid command". */
    virtual void drainExpired(const QStringList &holders) = 0;

protected:
    ~ExitDrainListener() = default;
};

/*! Connects one pipe of the child to the subprocess transport (asyncio's
 *  ReadSubprocessPipeProto / WriteSubprocessPipeProto). */
class SubprocessPipeProtocol final : public Protocol
{
public:
    SubprocessPipeProtocol(std::weak_ptr<SubprocessTransportImpl> owner, int fd);
    void connectionMade(BaseTransport *transport) override;
    void dataReceived(const QByteArray &data) override;
    void connectionLost(std::exception_ptr error) override;
    void pauseWriting() override;
    void resumeWriting() override;

    BaseTransport *pipe() const { return m_pipe; }
    bool disconnected() const { return m_disconnected; }

private:
    std::weak_ptr<SubprocessTransportImpl> m_owner;
    BaseTransport *m_pipe = nullptr;
    int m_fd;
    bool m_disconnected = false;
};

/*! asyncio's BaseSubprocessTransport (+ _UnixSubprocessTransport in src/unix): the child, its
 *  pipes, and the protocol callbacks in asyncio's order. A running child keeps its transport
 *  alive (the child watcher holds it) until it was reaped. */
class SubprocessTransportImpl final : public SubprocessTransport
{
public:
    SubprocessTransportImpl(EventLoop *loop, std::shared_ptr<SubprocessProtocol> protocol);
    ~SubprocessTransportImpl() override;

    /*! Spawns, watches the child, connects its pipes; completes once connectionMade() has been
     *  scheduled (loop._make_subprocess_transport). On failure or cancellation after the spawn,
     *  the child is killed and reaped before the exception propagates. */
    static Task<std::shared_ptr<SubprocessTransportImpl>>
    create(EventLoop *loop, std::shared_ptr<SubprocessProtocol> protocol, QString program,
           QStringList arguments, ProcessOptions options);

    void close() override;
    bool isClosing() const override { return m_closed; }
    BaseProtocol *protocol() const override { return m_protocol.get(); }
    qint64 getPid() const override { return m_pid; }
    std::optional<int> getReturncode() const override { return m_returncode; }
    BaseTransport *getPipeTransport(int fd) const override;
    void sendSignal(int signo) override;

    /*! Resolves when the child was reaped (D1: not later, even if a pipe stays open). */
    Task<int> wait();
    /*! Signals the child (or its process group); false once it was reaped (for the group: once
     *  it was reaped and its output is closed). */
    bool signalChild(int signo, bool group);
    std::optional<ResourceUsage> resourceUsage() const { return m_usage; }
    /*! True when stream \a fd (0, 1 or 2) of the child is a pty. */
    bool isPty(int fd) const { return fd >= 0 && fd < 3 && m_ptyStreams[size_t(fd)]; }
    /*! Sets the pty's window size (TIOCSWINSZ on the master); false without a pty. */
    bool setWindowSize(int rows, int columns);
    /*! The pty's end-of-file character (VEOF of its termios, ^D unless the child changed it);
     *  ^D when it cannot be read. */
    char ptyEndOfFile() const;
    /*! The means containing the child's tree; None when not contained. */
    ContainmentMeans containment() const;
    /*! The live descendants: the contained tree without the child, else what /proc shows below
     *  the child while it runs. */
    QList<qint64> descendants();
    /*! Process::treeUsage(). */
    TreeUsage treeUsage();
    /*! Resolves once the contained tree is gone (at once when not contained). */
    Task<void> waitTreeEmpty();
    /*! SIGKILL to every process of the contained tree (nothing when not contained). */
    void killTree();
    /*! Forgets the protocol: nothing is called on it any more (its owner is going away). */
    void detachProtocol();
    /*! The processes that held a pipe when ProcessOptions::exitDrain's grace expired, as
     *  "pid command"; empty before, and when it did not expire. */
    QStringList outputHolders() const { return m_outputHolders; }

    // From the pipe protocols and the child watcher.
    void pipeDataReceived(int fd, const QByteArray &data);
    void pipeConnectionLost(int fd, std::exception_ptr error);
    void pipePauseWriting();
    void pipeResumeWriting();
    void processExited(int returncode, const ResourceUsage &usage);

private:
    struct Pipe
    {
        std::shared_ptr<SubprocessPipeProtocol> protocol;
        std::shared_ptr<BaseTransport> transport;
    };

    Task<void> connectPipes(std::array<UniqueFd, 3> fds);
    void call(std::function<void()> fn);
    void tryFinish();
    void callConnectionLost();
    // ProcessOptions::exitDrain: the grace begins at the exit, while a pipe is still open.
    void startExitDrain();
    void exitDrainExpired();
    /*! Closes the pipes still open: the read pipes at once (their readers get EOF), stdin
     *  without flushing its buffer. */
    void closeOpenPipes();
    std::shared_ptr<SubprocessTransportImpl> self();

    // Platform part (src/unix/subprocesstransport_unix.cpp).
    std::array<UniqueFd, 3> spawn(const QString &program, const QStringList &arguments,
                                  const ProcessOptions &options);
    bool platformSignal(int signo, bool group);
    void readPipesNow();
    void releaseTree();
    /*! The processes but this one that hold one of the child's pipes (one /proc scan). */
    QList<PipeHolder> findOutputHolders() const;
    /*! ExitDrain::killHolders: SIGKILL to each of \a pids, the holders just found. */
    void killOutputHolders(const QList<qint64> &pids);

    EventLoop *m_loop;
    std::shared_ptr<SubprocessProtocol> m_protocol;
    qint64 m_pid = 0;
    qint64 m_processGroup = 0; // the group sendSignalToGroup() reaches; 0: none of its own
    std::optional<int> m_returncode;
    std::optional<ResourceUsage> m_usage;
    std::array<std::optional<Pipe>, 3> m_pipes;
    std::array<bool, 3> m_ptyStreams{};
    UniqueFd m_ptyMaster; // a duplicate, for setWindowSize(); closed by close()
    std::shared_ptr<ContainedTree> m_tree;
    std::optional<ExitDrain> m_exitDrain;
    QStringList m_pipeIdentities; // what a holder's /proc/PID/fd shows for the child's pipes
    Handle m_exitDrainTimer;
    QStringList m_outputHolders;
    std::optional<std::deque<std::function<void()>>> m_pendingCalls{std::in_place};
    std::vector<Future<int>> m_exitWaiters;
    bool m_closed = false;
    bool m_finished = false;
};

} // namespace aproc::detail
