// SPDX-License-Identifier: MIT
#pragma once

#include <aproc/impl/awaitable.h>

namespace aproc {

/*! \brief Protects \a awaitable from cancellation (asyncio.shield): cancelling the returned
 *  future (or the task awaiting it) leaves the inner work running; its outcome is copied to the
 *  returned future otherwise. A Task not yet started is scheduled as a task of its own. */
template<typename A> Future<detail::AwaitResult<A>> shield(A awaitable)
{
    using T = detail::AwaitResult<A>;
    Future<T> inner = detail::ensureFuture(std::move(awaitable));
    if (inner.done())
        return inner;
    Future<T> outer(inner.loop());
    const auto innerCallback = inner.addDoneCallback([outer](Future<T> inner) mutable {
        if (outer.cancelled()) {
            if (!inner.cancelled())
                inner.exception(); // retrieved: nobody else will look at it
            return;
        }
        if (inner.cancelled()) {
            outer.cancel();
        } else if (auto error = inner.exception()) {
            outer.setException(error);
        } else if constexpr (std::is_void_v<T>) {
            outer.setResult();
        } else {
            outer.setResult(inner.resumeValue());
        }
    });
    outer.addDoneCallback([inner, innerCallback]() mutable {
        if (!inner.done())
            inner.removeDoneCallback(innerCallback);
    });
    return outer;
}

} // namespace aproc
