// SPDX-License-Identifier: MIT
// Aproc internal header: do not include directly; include <aproc/task.h>.
#pragma once

#include <aproc/task.h>

#include <type_traits>
#include <utility>

namespace aproc::detail {

template<typename A> decltype(auto) awaiterOf(A &&awaitable)
{
    if constexpr (requires { std::forward<A>(awaitable).operator co_await(); })
        return std::forward<A>(awaitable).operator co_await();
    else
        return std::forward<A>(awaitable);
}

/*! The type `co_await A` gives. */
template<typename A> using AwaitResult = decltype(awaiterOf(std::declval<A>()).await_resume());

template<typename T> struct IsFuture : std::false_type
{ };
template<typename T> struct IsFuture<Future<T>> : std::true_type
{ };
template<typename T> struct IsTask : std::false_type
{ };
template<typename T> struct IsTask<Task<T>> : std::true_type
{ };

template<typename A> Task<AwaitResult<A>> awaitInTask(A awaitable)
{
    co_return co_await std::move(awaitable);
}

/*! asyncio.ensure_future: a Future stays itself, a Task is scheduled if it has not started, any
 *  other awaitable is wrapped in a task of its own. */
template<typename A> Future<AwaitResult<A>> ensureFuture(A awaitable)
{
    using D = std::decay_t<A>;
    if constexpr (IsFuture<D>::value) {
        return awaitable;
    } else if constexpr (IsTask<D>::value) {
        if (!awaitable.started())
            awaitable.promise()->schedule();
        return awaitable;
    } else {
        return createTask(awaitInTask(std::move(awaitable)));
    }
}

} // namespace aproc::detail

namespace aproc {

/*! createTask() of an awaitable that is not a Task, such as a Queue's get() or put(): it is
 *  awaited in a task of its own, scheduled like a coroutine given to createTask(). */
template<typename A>
requires(!detail::IsTask<std::decay_t<A>>::value && !detail::IsFuture<std::decay_t<A>>::value)
        Task<detail::AwaitResult<A>> createTask(A awaitable)
{
    return createTask(detail::awaitInTask(std::move(awaitable)));
}

} // namespace aproc
