// SPDX-License-Identifier: MIT
#pragma once

#include <aproc/impl/awaitable.h>
#include <aproc/task.h>

#include <QtCore/QCoreApplication>

#include <chrono>

namespace aproc {

namespace detail {

/*! Cancels \a future and waits until it is done (asyncio's _cancel_and_wait). */
template<typename T> Task<void> cancelAndWait(Future<T> future)
{
    Future<void> waiter(future.loop());
    const auto id = future.addDoneCallback([waiter]() mutable {
        if (!waiter.done())
            waiter.setResult();
    });
    future.cancel();
    std::exception_ptr error;
    try {
        co_await waiter;
    } catch (...) {
        error = std::current_exception();
    }
    future.removeDoneCallback(id);
    if (error)
        std::rethrow_exception(error);
}

inline TimeoutError timeoutError(std::chrono::nanoseconds timeout)
{
    return TimeoutError(QCoreApplication::translate("aproc", "waitFor(): timed out after %1 s")
                                .arg(std::chrono::duration<double>(timeout).count()));
}

template<typename T> Task<T> waitForFuture(Future<T> future, std::chrono::nanoseconds timeout)
{
    if (timeout <= std::chrono::nanoseconds::zero()) {
        if (!future.done())
            co_await cancelAndWait(future);
        if (future.cancelled())
            throw timeoutError(timeout);
        co_return future.resumeValue();
    }
    Future<void> waiter(future.loop());
    Handle timer = future.loop()->callLater(timeout, [waiter]() mutable {
        if (!waiter.done())
            waiter.setResult();
    });
    const auto id = future.addDoneCallback([waiter]() mutable {
        if (!waiter.done())
            waiter.setResult();
    });
    std::exception_ptr cancelled;
    try {
        co_await waiter;
    } catch (const CancelledError &) {
        cancelled = std::current_exception();
    }
    timer.cancel();
    if (future.done())
        co_return future.resumeValue();
    future.removeDoneCallback(id);
    co_await cancelAndWait(future); // the inner work has finished cancelling when this returns
    if (cancelled)
        std::rethrow_exception(cancelled);
    if (future.cancelled())
        throw timeoutError(timeout);
    co_return future.resumeValue(); // the inner work refused to be cancelled
}

} // namespace detail

/*! \brief Awaits \a awaitable for at most \a timeout (asyncio.wait_for). On timeout the inner
 *  work is cancelled, waited for until it has finished cancelling, and TimeoutError is thrown.
 *  Cancelling the waitFor cancels the inner work too. A Task is started as a task of its own. */
template<typename A, typename Rep, typename Period>
Task<detail::AwaitResult<A>> waitFor(A awaitable, std::chrono::duration<Rep, Period> timeout)
{
    co_return co_await detail::waitForFuture(
            detail::ensureFuture(std::move(awaitable)),
            std::chrono::duration_cast<std::chrono::nanoseconds>(timeout));
}

} // namespace aproc
