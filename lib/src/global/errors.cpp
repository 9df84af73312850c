// SPDX-License-Identifier: MIT
#include <aproc/errors.h>

#include <QtCore/QCoreApplication>

#include <cerrno>

namespace aproc {

namespace {

QString osErrorMessage(int errorNumber, const QString &filename)
{
    QString message
            = QStringLiteral("[Errno %1] %2").arg(errorNumber).arg(qt_error_string(errorNumber));
    if (!filename.isEmpty())
        message += QStringLiteral(": '%1'").arg(filename);
    return message;
}

} // namespace

Error::Error(const QString &message) : m_message(message), m_what(message.toUtf8()) { }

const char *Error::what() const noexcept
{
    return m_what.constData();
}

QueueEmpty::QueueEmpty(const QString &message) : Error(message) { }

QueueFull::QueueFull(const QString &message) : Error(message) { }

QueueShutDown::QueueShutDown(const QString &message) : Error(message) { }

OSError::OSError(int errorNumber, const QString &filename)
    : OSError(errorNumber, filename, osErrorMessage(errorNumber, filename))
{ }

OSError::OSError(int errorNumber, const QString &filename, const QString &message)
    : Error(message), m_errorNumber(errorNumber), m_filename(filename)
{ }

ConnectionResetError::ConnectionResetError(const QString &message)
    : ConnectionError(ECONNRESET, QString(), message)
{ }

IncompleteReadError::IncompleteReadError(const QByteArray &partial,
                                         std::optional<qsizetype> expected)
    : Error(QCoreApplication::translate("aproc", "%1 bytes read on a total of %2 expected bytes")
                    .arg(partial.size())
                    .arg(expected ? QString::number(*expected) : QStringLiteral("undefined"))),
      m_partial(partial), m_expected(expected)
{ }

LimitOverrunError::LimitOverrunError(const QString &message, qsizetype consumed)
    : Error(message), m_consumed(consumed)
{ }

std::exception_ptr makeOSError(int errorNumber, const QString &filename)
{
    switch (errorNumber) {
    case ENOENT:
        return std::make_exception_ptr(FileNotFoundError(errorNumber, filename));
    case EACCES:
    case EPERM:
        return std::make_exception_ptr(PermissionError(errorNumber, filename));
    case ESRCH:
        return std::make_exception_ptr(ProcessLookupError(errorNumber, filename));
    case ECHILD:
        return std::make_exception_ptr(ChildProcessError(errorNumber, filename));
    case EPIPE:
    case ESHUTDOWN:
        return std::make_exception_ptr(BrokenPipeError(errorNumber, filename));
    case ECONNRESET:
        return std::make_exception_ptr(ConnectionResetError(errorNumber, filename));
    default:
        return std::make_exception_ptr(OSError(errorNumber, filename));
    }
}

void throwOSError(int errorNumber, const QString &filename)
{
    std::rethrow_exception(makeOSError(errorNumber, filename));
}

} // namespace aproc
