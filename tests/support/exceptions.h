// SPDX-License-Identifier: MIT
// Test support shared by the suites: observing the loop's exception handler and what was thrown.
#pragma once

#include <aproc/errors.h>
#include <aproc/eventloop.h>

#include <QtCore/QString>

#include <exception>
#include <type_traits>
#include <vector>

namespace aproc::testsupport {

/*! Records what reaches the loop's exception handler while it lives; restores the old one. */
class ExceptionRecorder
{
public:
    ExceptionRecorder() : m_loop(EventLoop::current()), m_previous(m_loop->exceptionHandler())
    {
        m_loop->setExceptionHandler([this](EventLoop *, const ExceptionContext &context) {
            contexts.push_back(context);
        });
    }
    ~ExceptionRecorder() { m_loop->setExceptionHandler(m_previous); }
    ExceptionRecorder(const ExceptionRecorder &) = delete;
    ExceptionRecorder &operator=(const ExceptionRecorder &) = delete;

    std::vector<ExceptionContext> contexts;

private:
    EventLoop *m_loop;
    EventLoop::ExceptionHandler m_previous;
};

/*! The message of \a error when it is an E, else a description of what it is instead, in
 *  angle brackets ("<nothing thrown>", "<another exception: ...>"). */
template<typename E> QString caught(const std::exception_ptr &error)
{
    if (!error)
        return QStringLiteral("<nothing thrown>");
    try {
        std::rethrow_exception(error);
    } catch (const E &expected) {
        if constexpr (std::is_base_of_v<Error, E>)
            return expected.message();
        else
            return QString::fromUtf8(expected.what());
    } catch (const std::exception &other) {
        return QStringLiteral("<another exception: %1>").arg(QString::fromUtf8(other.what()));
    } catch (...) {
        return QStringLiteral("<a non-standard exception>");
    }
}

} // namespace aproc::testsupport
