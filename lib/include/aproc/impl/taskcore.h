// SPDX-License-Identifier: MIT
// Aproc internal header: do not include directly; include <aproc/task.h>.
#pragma once

#include <aproc/impl/futurecore.h>

#include <coroutine>
#include <type_traits>

namespace aproc::detail {

/*! \brief What every Task coroutine frame has: its outcome (it is a future) and, while it runs as
 *  a task of its own (createTask), asyncio's Task machinery: the future it waits on
 *  (_fut_waiter), the frame to resume at the next step, and pending cancellation.
 *
 *  A Task awaited by another Aproc coroutine before it was started runs inline, inside the
 *  awaiting task (like `await coro` in Python): its root() is that task, and cancelling the task
 *  reaches whatever the innermost frame awaits. */
class APROC_EXPORT TaskCore : public FutureCore
{
public:
    TaskCore();

    TaskCore *root() const noexcept { return m_root; }
    bool started() const noexcept { return m_started; }
    std::coroutine_handle<> continuation() const noexcept { return m_continuation; }

    /*! Runs this unstarted frame inside \a root's task; at the end it resumes \a continuation. */
    void startInline(TaskCore *root, std::coroutine_handle<> continuation) noexcept;
    /*! createTask(): this frame becomes a task of its own, started by callSoon. */
    void schedule();

    /*! asyncio Task.cancel(): cancels what the task waits on, or throws CancelledError into it
     *  at its next step. False once done. */
    bool cancel(const QString &message = {}) override;
    int cancelling() const noexcept { return m_cancelRequests; }
    int uncancel() noexcept;

    // Called on the root by the awaiters of a suspended frame.
    void suspendOn(FutureCore *waiter, std::coroutine_handle<> frame);
    void yieldOnce(std::coroutine_handle<> frame);
    void throwIfCancelRequested();
    bool cancelRequested() const noexcept { return m_mustCancel; }

    /*! From final_suspend: record the outcome; a task also schedules its done callbacks and lets
     *  go of itself (which may destroy the frame). */
    void complete();

    /*! The task whose step runs now on this thread, or null. */
    static TaskCore *current() noexcept;

    /*! The links of the loop's list of running tasks (asyncio's all_tasks): intrusive, so that
     *  starting and ending a task allocates nothing and never rehashes. */
    struct TaskLinks
    {
        TaskCore *previous = nullptr;
        TaskCore *next = nullptr;
    };
    TaskLinks &taskLinks() noexcept { return m_links; }
    /*! The links of its TaskGroup's list of running tasks (a task is in one group at most). */
    TaskLinks &groupLinks() noexcept { return m_groupLinks; }

protected:
    virtual std::coroutine_handle<> frame() noexcept = 0;
    void destroy() override { frame().destroy(); }

private:
    void step();

    TaskCore *m_root = nullptr;
    std::coroutine_handle<> m_continuation;
    std::coroutine_handle<> m_resumePoint;
    CoreRef m_waiter;
    QString m_pendingCancelMessage;
    TaskLinks m_links;
    TaskLinks m_groupLinks;
    int m_cancelRequests = 0;
    bool m_mustCancel = false;
    bool m_started = false;
};

template<typename P> inline constexpr bool isAprocPromise = std::is_base_of_v<TaskCore, P>;

/*! The awaiter side of `co_await future` inside any coroutine: an Aproc task waits the asyncio
 *  way (cancellable); a foreign coroutine (QCoro ...) is resumed from a done callback. Returns the
 *  task that must be checked for a cancel request on resumption, or null. */
template<typename P> TaskCore *suspendOn(FutureCore *future, std::coroutine_handle<P> awaiting)
{
    if constexpr (isAprocPromise<P>) {
        TaskCore *task = awaiting.promise().root();
        task->suspendOn(future, awaiting);
        return task;
    } else {
        future->addDoneCallback([awaiting] { awaiting.resume(); });
        return nullptr;
    }
}

} // namespace aproc::detail
