// SPDX-License-Identifier: MIT
#pragma once

#include <aproc/aproc_export.h>
#include <aproc/impl/awaitable.h>
#include <aproc/task.h>

#include <chrono>
#include <exception>
#include <memory>
#include <optional>
#include <type_traits>
#include <utility>

namespace aproc {

class Timeout;
class TimeoutPrivate;

namespace detail {
template<typename Body, bool takesScope = std::is_invocable_v<Body &, Timeout &>> struct TimeoutBody
{
    using Awaited = Body;
};
template<typename Body> struct TimeoutBody<Body, true>
{
    using Awaited = std::invoke_result_t<Body &, Timeout &>;
};
/*! \brief What run() gives: the result of \a Body, or of what it returns given the scope. */
template<typename Body> using TimeoutBodyResult = AwaitResult<typename TimeoutBody<Body>::Awaited>;
} // namespace detail

/*! \brief A deadline for a block of awaits (asyncio.Timeout, made by asyncio.timeout()).
 *
 *  run() awaits its body inside the scope, in the task that awaits run(). When the deadline
 *  passes first, that task is cancelled at its current co_await; the body unwinds with
 *  CancelledError and run() throws TimeoutError instead, unless someone else cancelled the task
 *  too, in which case CancelledError goes on. Scopes nest: the one whose deadline passed
 *  raises, the outer ones see TimeoutError as an ordinary exception. The deadline is loop
 *  time(), in seconds; it can be moved while the body runs (reschedule()). */
class APROC_EXPORT Timeout
{
public:
    /*! \brief A scope whose deadline is loop time \a when, or none (asyncio.Timeout(when)). */
    explicit Timeout(std::optional<double> when);
    ~Timeout();
    Timeout(const Timeout &) = delete;
    Timeout &operator=(const Timeout &) = delete;

    /*! \brief The deadline, in loop time(), or none (Timeout.when()). */
    std::optional<double> when() const;
    /*! \brief Moves the deadline to \a when, or removes it (Timeout.reschedule()); a deadline
     *  already past cancels at the next iteration. Throws InvalidStateError unless the body is
     *  running and the deadline has not passed yet. */
    void reschedule(std::optional<double> when);
    /*! \brief True once the deadline passed while the body ran (Timeout.expired()). */
    bool expired() const;

    /*! \brief Awaits \a body inside the scope and gives its result (`async with timeout:`).
     *  \a body is an awaitable (a Task, a Future ...) or a callable taking `Timeout &` and
     *  returning one. Throws TimeoutError when the deadline passed first, InvalidStateError when
     *  not awaited inside a task or when the scope was used already. */
    template<typename Body> Task<detail::TimeoutBodyResult<Body>> run(Body body)
    {
        using R = detail::TimeoutBodyResult<Body>;
        enter();
        std::exception_ptr error;
        if constexpr (std::is_void_v<R>) {
            try {
                co_await awaitBody(body);
            } catch (...) {
                error = std::current_exception();
            }
            leave(error);
        } else {
            std::optional<R> value;
            try {
                R result = co_await awaitBody(body);
                value.emplace(std::move(result));
            } catch (...) {
                error = std::current_exception();
            }
            leave(error);
            co_return std::move(*value);
        }
    }

private:
    template<typename Body> decltype(auto) awaitBody(Body &body)
    {
        if constexpr (std::is_invocable_v<Body &, Timeout &>)
            return body(*this);
        else
            return std::move(body);
    }
    void enter();
    void leave(std::exception_ptr error);

    std::shared_ptr<TimeoutPrivate> d;
};

/*! \brief Awaits \a body, cancelled with TimeoutError if \a delay passes first
 *  (`async with asyncio.timeout(delay):`). \a body is an awaitable, or a callable taking
 *  `Timeout &` (to reschedule() or read expired()) and returning one. A zero delay expires at
 *  the first suspension; a negative one is a ValueError. Unlike waitFor(), the body runs in the
 *  awaiting task, not as a task of its own. */
template<typename Rep, typename Period, typename Body>
Task<detail::TimeoutBodyResult<Body>> timeout(std::chrono::duration<Rep, Period> delay, Body body);

/*! \brief timeout() with a deadline in loop time() (asyncio.timeout_at); one already past
 *  expires at once, as asyncio's does. */
template<typename Body> Task<detail::TimeoutBodyResult<Body>> timeoutAt(double when, Body body)
{
    Timeout scope(when);
    co_return co_await scope.run(std::move(body));
}

namespace detail {
/*! \brief The deadline \a delay from now; ValueError when \a delay is negative. */
APROC_EXPORT double timeoutDeadline(std::chrono::nanoseconds delay);
} // namespace detail

template<typename Rep, typename Period, typename Body>
Task<detail::TimeoutBodyResult<Body>> timeout(std::chrono::duration<Rep, Period> delay, Body body)
{
    Timeout scope(
            detail::timeoutDeadline(std::chrono::duration_cast<std::chrono::nanoseconds>(delay)));
    co_return co_await scope.run(std::move(body));
}

} // namespace aproc
