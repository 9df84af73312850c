// SPDX-License-Identifier: MIT
// asyncio's base_subprocess.py, callback for callback.
#include "transports/subprocesstransport_p.h"

#include <aproc/errors.h>
#include <aproc/eventloop.h>
#include <aproc/sleep.h>

#include "global/logging_p.h"

#include <algorithm>
#include <cerrno>
#include <csignal>

namespace aproc::detail {

// ---- SubprocessPipeProtocol -------------------------------------------------------------------

SubprocessPipeProtocol::SubprocessPipeProtocol(std::weak_ptr<SubprocessTransportImpl> owner, int fd)
    : m_owner(std::move(owner)), m_fd(fd)
{ }

void SubprocessPipeProtocol::connectionMade(BaseTransport *transport)
{
    m_pipe = transport;
}

void SubprocessPipeProtocol::dataReceived(const QByteArray &data)
{
    if (auto owner = m_owner.lock())
        owner->pipeDataReceived(m_fd, data);
}

void SubprocessPipeProtocol::connectionLost(std::exception_ptr error)
{
    m_disconnected = true;
    if (auto owner = m_owner.lock())
        owner->pipeConnectionLost(m_fd, error);
}

void SubprocessPipeProtocol::pauseWriting()
{
    if (auto owner = m_owner.lock())
        owner->pipePauseWriting();
}

void SubprocessPipeProtocol::resumeWriting()
{
    if (auto owner = m_owner.lock())
        owner->pipeResumeWriting();
}

// ---- SubprocessTransportImpl ------------------------------------------------------------------

SubprocessTransportImpl::SubprocessTransportImpl(EventLoop *loop,
                                                 std::shared_ptr<SubprocessProtocol> protocol)
    : m_loop(loop), m_protocol(std::move(protocol))
{ }

SubprocessTransportImpl::~SubprocessTransportImpl()
{
    releaseTree();
}

std::shared_ptr<SubprocessTransportImpl> SubprocessTransportImpl::self()
{
    return std::static_pointer_cast<SubprocessTransportImpl>(shared_from_this());
}

Task<std::shared_ptr<SubprocessTransportImpl>>
SubprocessTransportImpl::create(EventLoop *loop, std::shared_ptr<SubprocessProtocol> protocol,
                                QString program, QStringList arguments, ProcessOptions options)
{
    auto transport = std::make_shared<SubprocessTransportImpl>(loop, std::move(protocol));
    transport->m_exitDrain = options.exitDrain;
    std::array<UniqueFd, 3> fds = transport->spawn(program, arguments, options);
    std::exception_ptr error;
    try {
        co_await transport->connectPipes(std::move(fds));
    } catch (...) {
        error = std::current_exception();
    }
    if (error) {
        // D3: the child is killed and reaped before the exception reaches the caller.
        transport->close();
        co_await transport->wait();
        std::rethrow_exception(error);
    }
    co_return transport;
}

Task<void> SubprocessTransportImpl::connectPipes(std::array<UniqueFd, 3> fds)
{
    for (int fd = 0; fd < 3; ++fd) {
        if (fds[fd])
            m_pipes[fd] = Pipe{std::make_shared<SubprocessPipeProtocol>(self(), fd), nullptr};
    }
    for (int fd = 0; fd < 3; ++fd) {
        if (!m_pipes[fd])
            continue;
        if (fd == 0)
            m_pipes[fd]->transport
                    = co_await m_loop->connectWritePipe(m_pipes[fd]->protocol, fds[fd].release());
        else
            m_pipes[fd]->transport
                    = co_await m_loop->connectReadPipe(m_pipes[fd]->protocol, fds[fd].release());
    }
    std::shared_ptr<SubprocessTransportImpl> keep = self();
    m_loop->callSoon([keep] {
        if (keep->m_protocol)
            keep->m_protocol->connectionMade(keep.get());
    });
    for (std::function<void()> &pending : *m_pendingCalls)
        m_loop->callSoon(std::move(pending));
    m_pendingCalls.reset();
    // asyncio's waiter: the creator resumes after connectionMade() has run (PC-04).
    co_await sleep(std::chrono::milliseconds(0));
}

BaseTransport *SubprocessTransportImpl::getPipeTransport(int fd) const
{
    if (fd < 0 || fd > 2 || !m_pipes[fd])
        return nullptr;
    return m_pipes[fd]->protocol->pipe();
}

void SubprocessTransportImpl::close()
{
    if (m_closed)
        return;
    m_closed = true;
    m_ptyMaster.reset();
    for (const std::optional<Pipe> &pipe : m_pipes) {
        if (pipe && pipe->transport)
            pipe->transport->close();
    }
    if (!m_returncode) {
        platformSignal(SIGKILL, false); // a child already reaped is never signalled
        killTree(); // D4 for the whole tree of a contained child
    }
    // After the exit, close() is also PT-14's (the output is done): what the child left running
    // stays until the Process goes (releaseTree()) or is stopped.
}

void SubprocessTransportImpl::sendSignal(int signo)
{
    if (m_returncode || !platformSignal(signo, false))
        throwOSError(ESRCH);
}

bool SubprocessTransportImpl::signalChild(int signo, bool group)
{
    if (group) // after the reap too, while a descendant holds the output (see platformSignal)
        return (m_tree || !m_finished) && platformSignal(signo, true);
    return !m_returncode && platformSignal(signo, false);
}

void SubprocessTransportImpl::detachProtocol()
{
    m_protocol.reset();
}

Task<int> SubprocessTransportImpl::wait()
{
    if (m_returncode)
        co_return *m_returncode;
    Future<int> waiter(m_loop);
    m_exitWaiters.push_back(waiter);
    co_return co_await waiter;
}

void SubprocessTransportImpl::call(std::function<void()> fn)
{
    if (m_pendingCalls)
        m_pendingCalls->push_back(std::move(fn));
    else
        m_loop->callSoon(std::move(fn));
}

void SubprocessTransportImpl::pipeDataReceived(int fd, const QByteArray &data)
{
    call([keep = self(), fd, data] {
        if (keep->m_protocol)
            keep->m_protocol->pipeDataReceived(fd, data);
    });
}

void SubprocessTransportImpl::pipeConnectionLost(int fd, std::exception_ptr error)
{
    call([keep = self(), fd, error] {
        if (keep->m_protocol)
            keep->m_protocol->pipeConnectionLost(fd, error);
    });
    tryFinish();
}

void SubprocessTransportImpl::pipePauseWriting()
{
    if (m_protocol)
        m_protocol->pauseWriting();
}

void SubprocessTransportImpl::pipeResumeWriting()
{
    if (m_protocol)
        m_protocol->resumeWriting();
}

void SubprocessTransportImpl::processExited(int returncode, const ResourceUsage &usage)
{
    Q_ASSERT(!m_returncode);
    m_returncode = returncode;
    m_usage = usage;
    // D1: wait() resolves at exit, even if a grandchild still holds a pipe open.
    for (Future<int> &waiter : std::exchange(m_exitWaiters, {})) {
        if (!waiter.done())
            waiter.setResult(returncode);
    }
    call([keep = self()] {
        if (keep->m_protocol)
            keep->m_protocol->processExited();
    });
    tryFinish();
    startExitDrain();
}

void SubprocessTransportImpl::tryFinish()
{
    if (m_finished || !m_returncode)
        return;
    for (const std::optional<Pipe> &pipe : m_pipes) {
        if (pipe && !pipe->protocol->disconnected())
            return;
    }
    m_finished = true;
    m_exitDrainTimer.cancel();
    call([keep = self()] { keep->callConnectionLost(); });
}

void SubprocessTransportImpl::startExitDrain()
{
    if (!m_exitDrain || m_finished)
        return; // asyncio: the pipes are waited for as long as they stay open
    std::weak_ptr<SubprocessTransportImpl> weak = self();
    m_exitDrainTimer = m_loop->callLater(m_exitDrain->grace, [weak] {
        if (auto transport = weak.lock())
            transport->exitDrainExpired();
    });
}

// A pipe whose end is still to come: not closed by the child's side, nor by us. The stdin pipe
// counts while it is closing too: it flushes its buffer first, which a holder may never read.
static bool stillOpen(const BaseTransport *transport, const SubprocessPipeProtocol &protocol)
{
    return transport && !protocol.disconnected()
           && (!transport->isClosing() || dynamic_cast<const WriteTransport *>(transport));
}

void SubprocessTransportImpl::exitDrainExpired()
{
    const bool anyOpen = std::any_of(m_pipes.begin(), m_pipes.end(), [](const auto &pipe) {
        return pipe && stillOpen(pipe->transport.get(), *pipe->protocol);
    });
    if (m_finished || !anyOpen)
        return; // the last connectionLost() is on its way
    readPipesNow(); // what the pipes hold now is still delivered
    QList<qint64> pids;
    for (const PipeHolder &holder : findOutputHolders()) {
        pids.append(holder.pid);
        m_outputHolders.append(holder.name());
    }
    qCWarning(lcProcess,
              "process %lld exited %lld ms ago, but its pipes are still held open by: %s", m_pid,
              qlonglong(m_exitDrain->grace.count()),
              qPrintable(m_outputHolders.isEmpty() ? QStringLiteral("(none found)")
                                                   : m_outputHolders.join(QStringLiteral(", "))));
    call([keep = self(), holders = m_outputHolders] {
        if (auto *listener = dynamic_cast<ExitDrainListener *>(keep->m_protocol.get()))
            listener->drainExpired(holders);
    });
    if (m_exitDrain->killHolders && !pids.isEmpty())
        killOutputHolders(pids);
    closeOpenPipes();
}

void SubprocessTransportImpl::closeOpenPipes()
{
    for (const std::optional<Pipe> &pipe : m_pipes) {
        if (!pipe || !stillOpen(pipe->transport.get(), *pipe->protocol))
            continue;
        if (auto *input = dynamic_cast<WriteTransport *>(pipe->transport.get()))
            input->abort(); // a holder that never reads would keep its buffer forever
        else
            pipe->transport->close();
    }
}

void SubprocessTransportImpl::callConnectionLost()
{
    if (auto protocol = std::exchange(m_protocol, nullptr))
        protocol->connectionLost(nullptr);
}

} // namespace aproc::detail
