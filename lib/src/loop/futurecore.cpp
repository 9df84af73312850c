// SPDX-License-Identifier: MIT
#include <aproc/errors.h>
#include <aproc/eventloop.h>
#include <aproc/impl/futurecore.h>

#include "loop/eventloop_p.h"

namespace aproc::detail {

FutureCore::FutureCore(EventLoop *loop) : m_loop(loop)
{
    Q_ASSERT(loop);
}

FutureCore::~FutureCore()
{
    if (m_state != State::Finished || !m_exception || m_retrieved)
        return;
    if (!EventLoopPrivate::isAlive(m_loop))
        return;
    const QString message = m_isTask ? QStringLiteral("Task exception was never retrieved")
                                     : QStringLiteral("Future exception was never retrieved");
    m_loop->callExceptionHandler({message, m_exception});
}

void FutureCore::throwInvalidState(const char *what)
{
    throw InvalidStateError(QString::fromLatin1(what));
}

bool FutureCore::cancel(const QString &message)
{
    if (m_state != State::Pending)
        return false;
    m_cancelMessage = message;
    markDone(State::Cancelled);
    return true;
}

void FutureCore::checkSettable() const
{
    if (m_isTask)
        throwInvalidState("Task does not support setting a result or an exception");
    if (m_state != State::Pending)
        throwInvalidState("invalid state: the future is already done");
}

void FutureCore::setException(std::exception_ptr exception)
{
    checkSettable();
    Q_ASSERT(exception);
    m_exception = std::move(exception);
    markDone(State::Finished);
}

void FutureCore::finish()
{
    markDone(State::Finished);
}

std::exception_ptr FutureCore::exception()
{
    if (m_state == State::Pending)
        throwInvalidState("Exception is not set.");
    if (m_state == State::Cancelled) {
        if (m_exception)
            std::rethrow_exception(m_exception);
        throw CancelledError(m_cancelMessage);
    }
    m_retrieved = true;
    return m_exception;
}

void FutureCore::checkResultSlow()
{
    if (auto exception = this->exception())
        std::rethrow_exception(exception);
}

FutureCore::CallbackId FutureCore::addDoneCallback(Callback callback)
{
    const CallbackId id = ++m_nextCallbackId;
    if (done()) {
        ref();
        m_loop->schedule(std::move(callback), this);
    } else {
        m_callbacks.push_back({id, std::move(callback)});
    }
    return id;
}

int FutureCore::removeDoneCallback(CallbackId id)
{
    for (auto it = m_callbacks.begin(); it != m_callbacks.end(); ++it) {
        if (it->id == id) {
            m_callbacks.erase(it);
            return 1;
        }
    }
    return 0;
}

void FutureCore::markDone(State state)
{
    Q_ASSERT(m_state == State::Pending);
    m_state = state;
    scheduleCallbacks();
}

void FutureCore::scheduleCallbacks()
{
    auto callbacks = std::move(m_callbacks);
    m_callbacks.clear();
    for (Entry &entry : callbacks) {
        ref();
        m_loop->schedule(std::move(entry.callback), this);
    }
}

} // namespace aproc::detail
