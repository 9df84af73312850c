// SPDX-License-Identifier: MIT
//
//  W A R N I N G
//  -------------
// This file is not part of the Aproc API. It may change from version to version.
#pragma once

#include <aproc/process.h>
#include <aproc/protocols.h>
#include <aproc/streamreader.h>
#include <aproc/streamwriter.h>

#include "transports/subprocesstransport_p.h"

#include <functional>
#include <memory>
#include <vector>

namespace aproc {

class ProcessPrivate;

/*! asyncio's SubprocessStreamProtocol: feeds the StreamReaders, closes stdin's StreamWriter, and
 *  turns every callback into a Qt signal of the Process. */
class ProcessProtocol final : public SubprocessProtocol, public detail::ExitDrainListener
{
public:
    explicit ProcessProtocol(ProcessPrivate *owner) : m_owner(owner) { }
    /*! The Process is going away: no more callbacks reach it. */
    void detach() { m_owner = nullptr; }

    void connectionMade(BaseTransport *transport) override;
    void pipeDataReceived(int fd, const QByteArray &data) override;
    void pipeConnectionLost(int fd, std::exception_ptr error) override;
    void processExited() override;
    void connectionLost(std::exception_ptr error) override;
    void pauseWriting() override;
    void resumeWriting() override;
    void drainExpired(const QStringList &holders) override;

    FlowControlProtocol stdinFlow;

private:
    void maybeCloseTransport();

    ProcessPrivate *m_owner;
    QList<int> m_openPipes; // 1 and 2 while their StreamReaders may still get data
    bool m_exited = false;
};

class ProcessPrivate
{
public:
    explicit ProcessPrivate(Process *q) : q(q) { }
    ~ProcessPrivate();

    /*! createSubprocessExec(): a started Process, signals released soon after. */
    static Task<std::unique_ptr<Process>> create(QString program, QStringList arguments,
                                                 ProcessOptions options);
    Task<void> start(QString program, QStringList arguments, ProcessOptions options);
    /*! Signals are held until the creator has resumed: released two iterations later, so that
     *  an awaiter in another task, woken one iteration after the creating task ends, connects
     *  first (CONFORMANCE D6). */
    void releaseSignalsSoon();
    void emitLater(std::function<void()> emission);

    /*! SIGTERM to the child (or its group), SIGKILL after \a grace, and the reap; for a
     *  contained child, stopTree(). */
    Task<int> stop(std::chrono::milliseconds grace, bool wholeGroup);
    /*! SIGTERM to every process of the contained tree, SIGKILL to what is left after \a grace;
     *  resolves once the whole tree is gone. */
    Task<int> stopTree(std::chrono::milliseconds grace);
    /*! The reap and, when contained, the end of the whole tree. */
    Task<int> waitForTree();
    /*! The StopOnCancel policy, after the task awaiting \a body was cancelled: stops the child,
     *  then rethrows the CancelledError. Without a policy, \a body as it is. */
    template<typename T> Task<T> stoppingOnCancel(Task<T> body);
    /*! stop() as stopOnCancel says; a second cancel meanwhile sends SIGKILL at once. */
    Task<void> stopAfterCancel();

    Task<Communicated> communicate(std::optional<QByteArray> input);
    Task<void> feedStdin(std::optional<QByteArray> input);
    Task<std::optional<QByteArray>> readAll(int fd);

    Process *const q;
    EventLoop *loop = EventLoop::current();
    std::shared_ptr<detail::SubprocessTransportImpl> transport;
    std::shared_ptr<ProcessProtocol> protocol;
    std::unique_ptr<StreamWriter> standardInput;
    std::unique_ptr<StreamReader> standardOutput;
    std::unique_ptr<StreamReader> standardError;
    qsizetype limit = 65536;
    bool streams = true;
    std::optional<StopOnCancel> stopOnCancel;
    bool released = false;
    bool readingPaused = false;
    std::vector<std::function<void()>> heldSignals;
    std::optional<Task<void>> startTask;
};

} // namespace aproc
