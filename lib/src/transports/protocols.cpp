// SPDX-License-Identifier: MIT
// The default callbacks do nothing, as asyncio's.
#include <aproc/protocols.h>

namespace aproc {

BaseProtocol::~BaseProtocol() = default;
void BaseProtocol::connectionMade(BaseTransport *) { }
void BaseProtocol::connectionLost(std::exception_ptr) { }
void BaseProtocol::pauseWriting() { }
void BaseProtocol::resumeWriting() { }

void Protocol::dataReceived(const QByteArray &) { }
bool Protocol::eofReceived()
{
    return false;
}

void SubprocessProtocol::pipeDataReceived(int, const QByteArray &) { }
void SubprocessProtocol::pipeConnectionLost(int, std::exception_ptr) { }
void SubprocessProtocol::processExited() { }

} // namespace aproc
