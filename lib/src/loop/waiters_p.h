// SPDX-License-Identifier: MIT
//
//  W A R N I N G
//  -------------
// This file is not part of the Aproc API. It may change from version to version.
#pragma once

#include <aproc/eventloop.h>
#include <aproc/future.h>

#include <QtCore/QString>

#include <algorithm>
#include <exception>
#include <list>

namespace aproc::detail {

/*! The futures of the coroutines waiting for a synchronization primitive, first come first
 *  (asyncio's collections.deque of waiters). A list, so that a waiter removes itself in O(1). */
using Waiters = std::list<Future<void>>;

/*! True when every waiter was cancelled (or there is none): asyncio's
 *  `all(w.cancelled() for w in self._waiters)`. */
inline bool allCancelled(const Waiters &waiters)
{
    return std::all_of(waiters.begin(), waiters.end(),
                       [](const Future<void> &waiter) { return waiter.cancelled(); });
}

/*! From a guard's destructor, inside a catch block: a destructor cannot throw, so the error goes
 *  to the loop's exception handler, as asyncio reports an exception nobody can receive. */
inline void reportGuardError(const char *guard)
{
    EventLoop::current()->callExceptionHandler(
            {QStringLiteral("%1 could not release what it held").arg(QLatin1String(guard)),
             std::current_exception()});
}

} // namespace aproc::detail
