// SPDX-License-Identifier: MIT
// EventLoop::connectReadPipe()/connectWritePipe(), after asyncio's BaseEventLoop.connect_read_pipe
// and connect_write_pipe (base_events.py).
#include <aproc/errors.h>
#include <aproc/eventloop.h>
#include <aproc/protocols.h>
#include <aproc/task.h>
#include <aproc/transports.h>

#include "unix/readpipetransport_p.h"
#include "unix/writepipetransport_p.h"

#include <QtCore/QCoreApplication>

namespace aproc {

namespace {

// A coroutine owns its parameters: \a fd is closed even when the task is dropped unstarted.
template<typename Transport, typename Result, typename P>
Task<std::shared_ptr<Result>> connectPipe(EventLoop *loop, std::shared_ptr<P> protocol,
                                          detail::UniqueFd fd, const char *what)
{
    if (!protocol)
        throw ValueError(QCoreApplication::translate("aproc", "%1: the protocol is null")
                                 .arg(QLatin1String(what)));
    auto transport = std::make_shared<Transport>(loop, std::move(fd), std::move(protocol));
    Future<void> waiter = loop->createFuture<void>();
    transport->start(waiter); // on failure, the transport goes and closes the fd
    std::exception_ptr error;
    try {
        co_await waiter; // set once connectionMade() has run
    } catch (...) {
        error = std::current_exception();
    }
    if (error) {
        transport->close(); // cancelled: the protocol still sees connectionLost()
        std::rethrow_exception(error);
    }
    co_return transport;
}

} // namespace

Task<std::shared_ptr<ReadTransport>> EventLoop::connectReadPipe(std::shared_ptr<Protocol> protocol,
                                                                int fd)
{
    return connectPipe<detail::ReadPipeTransport, ReadTransport>(
            this, std::move(protocol), detail::UniqueFd(fd), "connectReadPipe");
}

Task<std::shared_ptr<WriteTransport>>
EventLoop::connectWritePipe(std::shared_ptr<BaseProtocol> protocol, int fd)
{
    return connectPipe<detail::WritePipeTransport, WriteTransport>(
            this, std::move(protocol), detail::UniqueFd(fd), "connectWritePipe");
}

} // namespace aproc
