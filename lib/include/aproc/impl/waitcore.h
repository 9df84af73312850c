// SPDX-License-Identifier: MIT
// Aproc internal header: do not include directly; include <aproc/wait.h>.
#pragma once

#include <aproc/aproc_export.h>
#include <aproc/impl/awaitable.h>
#include <aproc/task.h>

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <unordered_set>
#include <vector>

namespace aproc {
enum class ReturnWhen;
}

namespace aproc::detail {

/*! The input of wait() and asCompleted() as asyncio's set(fs): each future once, in input order,
 *  and every Task not yet started scheduled as a task of its own. */
template<typename F> std::vector<F> startAndDeduplicate(std::vector<F> futures)
{
    std::vector<F> unique;
    unique.reserve(futures.size());
    std::unordered_set<const FutureCore *> seen;
    for (F &future : futures) {
        if (!seen.insert(future.core()).second)
            continue;
        if constexpr (IsTask<F>::value) {
            if (!future.started())
                future.promise()->schedule();
        }
        unique.push_back(std::move(future));
    }
    return unique;
}

/*! asyncio's _wait(): returns once \a returnWhen holds for \a cores or \a timeout passed;
 *  ValueError when \a cores is empty. Cancelling it cancels nothing else. */
APROC_EXPORT Task<void> waitForCores(std::vector<CoreRef> cores, ReturnWhen returnWhen,
                                     std::optional<std::chrono::nanoseconds> timeout);

/*! What asCompleted() shares with the next() calls: the finished ones in order, the timeout. */
class AsCompletedState;

/*! Watches \a cores for asCompleted(); after \a timeout the unfinished ones count as timed out. */
APROC_EXPORT std::shared_ptr<AsCompletedState>
startAsCompleted(std::vector<CoreRef> cores, std::optional<std::chrono::nanoseconds> timeout);

/*! The index, in the input, of the next one that finished; TimeoutError for one that did not in
 *  time. */
APROC_EXPORT Task<std::size_t> nextCompleted(std::shared_ptr<AsCompletedState> state);

/*! Throws InvalidStateError: next() was called more often than there are futures. */
[[noreturn]] APROC_EXPORT void throwAsCompletedExhausted();

} // namespace aproc::detail
