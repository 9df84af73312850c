// SPDX-License-Identifier: MIT
#include <aproc/transports.h>

#include <csignal>

namespace aproc {

BaseTransport::~BaseTransport() = default;

void WriteTransport::writelines(const QList<QByteArray> &list)
{
    for (const QByteArray &data : list)
        write(data);
}

void SubprocessTransport::terminate()
{
    sendSignal(SIGTERM);
}

void SubprocessTransport::kill()
{
    sendSignal(SIGKILL);
}

} // namespace aproc
