// SPDX-License-Identifier: MIT
#pragma once

#include <aproc/aproc_export.h>

#include <QtCore/QByteArray>

#include <exception>

namespace aproc {

class BaseTransport;

/*! \brief The callbacks every protocol has (asyncio.BaseProtocol). The defaults do nothing. A
 *  null exception pointer means "no error" (Python's None). */
class APROC_EXPORT BaseProtocol
{
public:
    virtual ~BaseProtocol();
    /*! \brief Called once, first, with the transport (connection_made). */
    virtual void connectionMade(BaseTransport *transport);
    /*! \brief Called once, last: EOF or close (null), or the error (connection_lost). */
    virtual void connectionLost(std::exception_ptr error);
    /*! \brief The transport's write buffer went above its high-water mark (pause_writing). */
    virtual void pauseWriting();
    /*! \brief The write buffer drained to its low-water mark (resume_writing). */
    virtual void resumeWriting();
};

/*! \brief A protocol for a byte stream, such as a pipe (asyncio.Protocol). */
class APROC_EXPORT Protocol : public BaseProtocol
{
public:
    /*! \brief Bytes arrived (data_received). */
    virtual void dataReceived(const QByteArray &data);
    /*! \brief The other end sent EOF (eof_received); connectionLost() follows. */
    virtual bool eofReceived();
};

/*! \brief The callbacks of a child process (asyncio.SubprocessProtocol), in asyncio's order:
 *  connectionMade first; per fd, every pipeDataReceived before its pipeConnectionLost;
 *  processExited once; connectionLost last. */
class APROC_EXPORT SubprocessProtocol : public BaseProtocol
{
public:
    /*! \brief The child wrote \a data to fd 1 or 2 (pipe_data_received). */
    virtual void pipeDataReceived(int fd, const QByteArray &data);
    /*! \brief One of the child's pipes was closed (pipe_connection_lost). */
    virtual void pipeConnectionLost(int fd, std::exception_ptr error);
    /*! \brief The child exited; getReturncode() has the code (process_exited). */
    virtual void processExited();
};

} // namespace aproc
