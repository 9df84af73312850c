// SPDX-License-Identifier: MIT
// The read end of a pipe, after asyncio's _UnixReadPipeTransport (unix_events.py).
#include "unix/readpipetransport_p.h"

#include <aproc/errors.h>
#include <aproc/eventloop.h>
#include <aproc/protocols.h>

#include "global/logging_p.h"

#include <QtCore/QCoreApplication>

#include <cerrno>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace aproc::detail {

unsigned checkPipeFd(int fd, const char *what)
{
    struct stat info
    { };
    if (::fstat(fd, &info) != 0)
        throwOSError(errno, pipeName(fd));
    if (!S_ISFIFO(info.st_mode) && !S_ISSOCK(info.st_mode) && !S_ISCHR(info.st_mode))
        throw ValueError(QCoreApplication::translate(
                                 "aproc", "%1: fd %2 is not a pipe, a socket or a character device")
                                 .arg(QLatin1String(what))
                                 .arg(fd));
    return info.st_mode;
}

QString pipeName(int fd)
{
    return QStringLiteral("pipe (fd %1)").arg(fd);
}

ReadPipeTransport::ReadPipeTransport(EventLoop *loop, UniqueFd fd,
                                     std::shared_ptr<Protocol> protocol)
    : m_loop(loop), m_fd(std::move(fd)), m_fileno(m_fd.get()), m_protocol(std::move(protocol))
{ }

// Nothing to unwatch: the watch is removed before the fd is closed, and while watched the
// transport keeps itself alive.
ReadPipeTransport::~ReadPipeTransport() = default;

void ReadPipeTransport::start(Future<void> waiter)
{
    checkPipeFd(m_fileno, "connectReadPipe");
    setNonBlocking(m_fileno);
    m_self = shared_from_this();
    m_loop->callSoon([self = m_self, this] { m_protocol->connectionMade(this); });
    // Only start reading once connectionMade() has run, and not if it paused or closed us.
    m_loop->callSoon([self = m_self, this] { watch(); });
    m_loop->callSoon([waiter]() mutable {
        if (!waiter.done())
            waiter.setResult();
    });
}

void ReadPipeTransport::watch()
{
    if (isReading())
        m_loop->addReader(m_fileno, [this] { readReady(); });
}

// What the next read() should ask for: what the fd holds (FIONREAD), at most MaxReadSize. An
// array of that size is read into and handed on as it is: no copy, and no large allocation per
// read that malloc() would return to the system and fault in again page by page.
qsizetype ReadPipeTransport::nextReadSize() const
{
    int available = 0;
    if (::ioctl(m_fileno, FIONREAD, &available) != 0)
        return MaxReadSize; // not a pipe, socket or tty: read what comes
    if (available <= 0)
        return SmallReadSize; // EOF, or data that arrived just now
    return qMin(qsizetype(available), MaxReadSize);
}

void ReadPipeTransport::readReady()
{
    QByteArray data(nextReadSize(), Qt::Uninitialized);
    const ssize_t n = ::read(m_fileno, data.data(), size_t(data.size()));
    if (n < 0 && errno == EIO) {
        deliverEof(); // a pty master once the child's side is closed: that is its EOF
        return;
    }
    if (n < 0) {
        if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
            fatalError(makeOSError(errno, pipeName(m_fileno)),
                       QStringLiteral("Fatal read error on pipe transport"));
        return;
    }
    if (n == 0) {
        deliverEof();
        return;
    }
    if (n < data.size()) {
        data.truncate(n);
        if (n <= data.size() / 2)
            data.squeeze(); // realloc() shrinks in place: no copy, and no waste kept per chunk
    }
    m_protocol->dataReceived(data);
}

void ReadPipeTransport::readAvailable()
{
    if (isReading())
        readReady();
}

void ReadPipeTransport::deliverEof()
{
    qCDebug(lcProcess, "%s was closed by peer", qPrintable(pipeName(m_fileno)));
    m_closing = true;
    m_loop->removeReader(m_fileno);
    m_loop->callSoon([self = m_self, this] { m_protocol->eofReceived(); });
    m_loop->callSoon([self = m_self, this] { callConnectionLost(nullptr); });
}

bool ReadPipeTransport::isReading() const
{
    return !m_paused && !m_closing;
}

void ReadPipeTransport::pauseReading()
{
    if (m_closing || m_paused)
        return;
    m_paused = true;
    m_loop->removeReader(m_fileno);
    qCDebug(lcProcess, "%s pauses reading", qPrintable(pipeName(m_fileno)));
}

void ReadPipeTransport::resumeReading()
{
    if (m_closing || !m_paused)
        return;
    m_paused = false;
    m_loop->addReader(m_fileno, [this] { readReady(); });
    qCDebug(lcProcess, "%s resumes reading", qPrintable(pipeName(m_fileno)));
}

void ReadPipeTransport::close()
{
    if (!m_closing)
        closeWith(nullptr);
}

bool ReadPipeTransport::isClosing() const
{
    return m_closing;
}

BaseProtocol *ReadPipeTransport::protocol() const
{
    return m_protocol.get();
}

void ReadPipeTransport::fatalError(std::exception_ptr error, const QString &message)
{
    m_loop->callExceptionHandler({message, error});
    closeWith(error);
}

void ReadPipeTransport::closeWith(std::exception_ptr error)
{
    m_closing = true;
    m_loop->removeReader(m_fileno);
    m_loop->callSoon([self = m_self, this, error] { callConnectionLost(error); });
}

void ReadPipeTransport::callConnectionLost(std::exception_ptr error)
{
    finishPipeConnection(*m_protocol, m_fd, m_self, error);
}

} // namespace aproc::detail
