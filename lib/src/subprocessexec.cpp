// SPDX-License-Identifier: MIT
// loop.subprocess_exec(): the transport, without the Process on top.
#include <aproc/process.h>

#include "subprocesstransport_p.h"

namespace aproc::detail {

Task<std::shared_ptr<SubprocessTransport>>
subprocessExec(EventLoop *loop, std::shared_ptr<SubprocessProtocol> protocol, QString program,
               QStringList arguments, ProcessOptions options)
{
    co_return co_await SubprocessTransportImpl::create(loop, std::move(protocol),
                                                       std::move(program), std::move(arguments),
                                                       std::move(options));
}

} // namespace aproc::detail
