// SPDX-License-Identifier: MIT
// Process's Qt-style I/O, for signal/slot code and streams = false (QProcess's write() and
// closeWriteChannel()): the pipe transports underneath, without the StreamReader/Writer.
#include "process/process_p.h"

#include <aproc/transports.h>

namespace aproc {
namespace {

WriteTransport *stdinTransport(const ProcessPrivate &d)
{
    return d.transport ? dynamic_cast<WriteTransport *>(d.transport->getPipeTransport(0)) : nullptr;
}

ReadTransport *outputTransport(const ProcessPrivate &d, int fd)
{
    return d.transport ? dynamic_cast<ReadTransport *>(d.transport->getPipeTransport(fd)) : nullptr;
}

} // namespace

bool Process::write(const QByteArray &data)
{
    if (!isWriteChannelOpen())
        return false;
    stdinTransport(*d)->write(data);
    return true;
}

void Process::closeWriteChannel()
{
    if (!isWriteChannelOpen())
        return;
    WriteTransport *transport = stdinTransport(*d);
    if (d->transport->isPty(0))
        transport->write(QByteArray(1, d->transport->ptyEndOfFile()));
    else
        transport->writeEof();
}

bool Process::isWriteChannelOpen() const
{
    const WriteTransport *transport = stdinTransport(*d);
    return transport && !transport->isClosing();
}

void Process::pauseReading()
{
    d->readingPaused = true;
    for (const int fd : {1, 2}) {
        if (ReadTransport *transport = outputTransport(*d, fd))
            transport->pauseReading();
    }
}

void Process::resumeReading()
{
    d->readingPaused = false;
    for (const int fd : {1, 2}) {
        if (ReadTransport *transport = outputTransport(*d, fd))
            transport->resumeReading();
    }
}

bool Process::isReadingPaused() const
{
    return d->readingPaused;
}

bool Process::isPty(int fd) const
{
    return d->transport && d->transport->isPty(fd);
}

} // namespace aproc
