// SPDX-License-Identifier: MIT
#pragma once

#include <aproc/task.h>

#include <chrono>
#include <optional>

namespace aproc {

namespace detail {

class SleepAwaiter
{
public:
    explicit SleepAwaiter(std::chrono::nanoseconds delay) : m_delay(delay) { }
    SleepAwaiter(SleepAwaiter &&) = default;
    ~SleepAwaiter() { m_timer.cancel(); }

    bool await_ready() const noexcept { return false; }

    template<typename P> void await_suspend(std::coroutine_handle<P> awaiting)
    {
        EventLoop *loop = EventLoop::current();
        if (m_delay <= std::chrono::nanoseconds::zero()) {
            if constexpr (isAprocPromise<P>) {
                m_task = awaiting.promise().root();
                m_task->yieldOnce(awaiting);
            } else {
                loop->callSoon([awaiting] { awaiting.resume(); });
            }
            return;
        }
        m_future.emplace(loop);
        m_timer = loop->callLater(m_delay, [future = *m_future]() mutable {
            if (!future.done())
                future.setResult();
        });
        m_task = suspendOn(m_future->core(), awaiting);
    }

    void await_resume()
    {
        m_timer.cancel();
        if (m_task)
            m_task->throwIfCancelRequested();
        if (m_future)
            m_future->result(); // CancelledError when the task was cancelled meanwhile
    }

private:
    std::chrono::nanoseconds m_delay;
    std::optional<Future<void>> m_future;
    Handle m_timer;
    TaskCore *m_task = nullptr;
};

} // namespace detail

/*! \brief Suspends the awaiting coroutine for \a delay (asyncio.sleep). A zero or negative delay
 *  yields once: the coroutine resumes in the next loop iteration. Cancellable. */
template<typename Rep, typename Period>
detail::SleepAwaiter sleep(std::chrono::duration<Rep, Period> delay)
{
    return detail::SleepAwaiter(std::chrono::duration_cast<std::chrono::nanoseconds>(delay));
}

} // namespace aproc
