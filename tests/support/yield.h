// SPDX-License-Identifier: MIT
// Loop steps for the tests of the synchronization primitives: no sleeping, only yielding.
#pragma once

#include <aproc/sleep.h>
#include <aproc/task.h>

#include <chrono>

namespace aproc::testsupport {

/*! Yields \a times loop iterations (asyncio.sleep(0), \a times over). */
inline Task<void> yieldTimes(int times)
{
    for (int i = 0; i < times; ++i)
        co_await sleep(std::chrono::milliseconds(0));
}

/*! Yields until \a condition holds, at most \a maxYields iterations; gives whether it held. */
template<typename F> Task<bool> yieldUntil(F condition, int maxYields = 1000)
{
    for (int i = 0; i < maxYields && !condition(); ++i)
        co_await sleep(std::chrono::milliseconds(0));
    co_return condition();
}

} // namespace aproc::testsupport
