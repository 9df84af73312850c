// SPDX-License-Identifier: MIT
#include <aproc/errors.h>
#include <aproc/eventloop.h>
#include <aproc/impl/taskcore.h>

#include "loop/eventloop_p.h"

namespace aproc::detail {

namespace {
thread_local TaskCore *t_currentTask = nullptr;
}

TaskCore::TaskCore() : FutureCore(EventLoop::current())
{
    m_isTask = true;
}

TaskCore *TaskCore::current() noexcept
{
    return t_currentTask;
}

void TaskCore::startInline(TaskCore *root, std::coroutine_handle<> continuation) noexcept
{
    m_root = root;
    m_continuation = continuation;
    m_started = true;
}

void TaskCore::schedule()
{
    if (done())
        return; // cancelled before it ever ran
    if (m_started)
        throwInvalidState("the task was already started");
    m_root = this;
    m_started = true;
    m_resumePoint = frame();
    ref(); // a running task keeps itself alive until it is done
    EventLoopPrivate::get(m_loop)->addTask(this);
    m_loop->schedule([this] { step(); });
}

bool TaskCore::cancel(const QString &message)
{
    if (done())
        return false;
    if (!m_started) {
        m_cancelMessage = message;
        markDone(State::Cancelled);
        return true;
    }
    if (m_root != this)
        return false; // it runs inside another task: that task is what can be cancelled
    ++m_cancelRequests;
    if (m_waiter && m_waiter->cancel(message))
        return true;
    // The step that resumes the coroutine is already scheduled: it throws CancelledError.
    m_mustCancel = true;
    m_pendingCancelMessage = message;
    return true;
}

int TaskCore::uncancel() noexcept
{
    if (m_cancelRequests > 0)
        --m_cancelRequests;
    return m_cancelRequests;
}

void TaskCore::suspendOn(FutureCore *waiter, std::coroutine_handle<> frame)
{
    Q_ASSERT(m_root == this);
    m_resumePoint = frame;
    m_waiter = CoreRef(waiter);
    waiter->addDoneCallback([this] { step(); });
    if (m_mustCancel && waiter->cancel(m_pendingCancelMessage))
        m_mustCancel = false;
}

void TaskCore::yieldOnce(std::coroutine_handle<> frame)
{
    Q_ASSERT(m_root == this);
    m_resumePoint = frame;
    m_loop->schedule([this] { step(); });
}

void TaskCore::throwIfCancelRequested()
{
    if (!m_mustCancel)
        return;
    m_mustCancel = false;
    throw CancelledError(std::exchange(m_pendingCancelMessage, QString()));
}

void TaskCore::step()
{
    // asyncio's __step: when the future waited on was cancelled, its CancelledError is what the
    // coroutine sees, and a cancel request made meanwhile is spent with it (not a second message).
    if (m_mustCancel && m_waiter && m_waiter->cancelled()) {
        m_mustCancel = false;
        m_pendingCancelMessage.clear();
    }
    m_waiter = CoreRef();
    const std::coroutine_handle<> resumePoint = std::exchange(m_resumePoint, {});
    if (!resumePoint)
        return;
    TaskCore *const previous = std::exchange(t_currentTask, this);
    resumePoint.resume(); // may finish the task and destroy this frame
    t_currentTask = previous;
}

void TaskCore::complete()
{
    State state = State::Finished;
    if (m_exception) {
        try {
            std::rethrow_exception(m_exception);
        } catch (const CancelledError &error) {
            state = State::Cancelled;
            m_cancelMessage = error.message();
        } catch (...) { }
    }
    const bool ownTask = m_root == this;
    markDone(state);
    if (ownTask) {
        EventLoopPrivate::get(m_loop)->removeTask(this);
        deref(); // may destroy the frame
    }
}

} // namespace aproc::detail
