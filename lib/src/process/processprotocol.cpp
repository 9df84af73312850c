// SPDX-License-Identifier: MIT
// asyncio's SubprocessStreamProtocol, plus the Qt signals of Process.
#include "process/process_p.h"

namespace aproc {

void ProcessProtocol::connectionMade(BaseTransport *transport)
{
    if (!m_owner)
        return;
    auto *subprocess = static_cast<SubprocessTransport *>(transport);
    ProcessPrivate *d = m_owner;
    for (int fd : {1, 2}) {
        auto *pipe = dynamic_cast<ReadTransport *>(subprocess->getPipeTransport(fd));
        if (!pipe)
            continue;
        m_openPipes.append(fd); // also without streams: output must all be delivered first
        if (d->readingPaused) // pauseReading() before the pipes were connected
            pipe->pauseReading();
        if (!d->streams)
            continue;
        auto reader = std::make_unique<StreamReader>(d->limit, d->loop);
        reader->setTransport(pipe);
        (fd == 1 ? d->standardOutput : d->standardError) = std::move(reader);
    }
    if (d->streams) {
        if (auto *pipe = dynamic_cast<WriteTransport *>(subprocess->getPipeTransport(0))) {
            auto shared = std::dynamic_pointer_cast<WriteTransport>(pipe->shared_from_this());
            d->standardInput = std::make_unique<StreamWriter>(shared, &stdinFlow, nullptr, d->loop);
        }
    }
    const qint64 pid = subprocess->getPid();
    d->emitLater([d, pid] { Q_EMIT d->q->started(pid); });
}

void ProcessProtocol::pipeDataReceived(int fd, const QByteArray &data)
{
    if (!m_owner)
        return;
    ProcessPrivate *d = m_owner;
    if (StreamReader *reader = fd == 1 ? d->standardOutput.get() : d->standardError.get())
        reader->feedData(data);
    d->emitLater([d, fd, data] { Q_EMIT d->q->outputReceived(fd, data); });
}

void ProcessProtocol::pipeConnectionLost(int fd, std::exception_ptr error)
{
    if (!m_owner)
        return;
    ProcessPrivate *d = m_owner;
    if (fd == 0) {
        if (d->standardInput)
            d->standardInput->close();
        stdinFlow.connectionLost(error);
    } else if (StreamReader *reader = fd == 1 ? d->standardOutput.get() : d->standardError.get()) {
        if (error)
            reader->setException(error);
        else
            reader->feedEof();
    }
    m_openPipes.removeOne(fd);
    maybeCloseTransport();
    d->emitLater([d, fd] { Q_EMIT d->q->pipeClosed(fd); });
}

void ProcessProtocol::processExited()
{
    m_exited = true;
    if (!m_owner)
        return;
    maybeCloseTransport();
    ProcessPrivate *d = m_owner;
    const int returncode = d->transport ? d->transport->getReturncode().value_or(-1) : -1;
    d->emitLater([d, returncode] { Q_EMIT d->q->exited(returncode); });
}

void ProcessProtocol::connectionLost(std::exception_ptr)
{
    if (!m_owner)
        return;
    ProcessPrivate *d = m_owner;
    const int returncode = d->transport ? d->transport->getReturncode().value_or(-1) : -1;
    d->emitLater([d, returncode] { Q_EMIT d->q->finished(returncode); });
}

void ProcessProtocol::pauseWriting()
{
    stdinFlow.pauseWriting();
}

void ProcessProtocol::resumeWriting()
{
    stdinFlow.resumeWriting();
}

void ProcessProtocol::drainExpired(const QStringList &holders)
{
    if (!m_owner)
        return;
    ProcessPrivate *d = m_owner;
    d->emitLater([d, holders] { Q_EMIT d->q->drainExpired(holders); });
}

void ProcessProtocol::maybeCloseTransport()
{
    // PT-14: once the child exited and its output reached EOF, the transport closes itself,
    // killing nothing.
    if (m_openPipes.isEmpty() && m_exited && m_owner && m_owner->transport)
        m_owner->transport->close();
}

} // namespace aproc
