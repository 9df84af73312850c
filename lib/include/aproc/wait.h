// SPDX-License-Identifier: MIT
/*! \file
 *  \brief Waiting on many tasks or futures: wait() and asCompleted() (asyncio.wait,
 *  asyncio.as_completed). */
#pragma once

#include <aproc/impl/waitcore.h>
#include <aproc/task.h>

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace aproc {

/*! \brief When wait() returns (asyncio.FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED). */
enum class ReturnWhen {
    FirstCompleted, //!< \brief As soon as one of them is done or cancelled.
    FirstException, //!< \brief When one finishes with an exception (not a cancellation), or all are
                    //!< done.
    AllCompleted, //!< \brief When all of them are done or cancelled.
};

/*! \brief What wait() gives: the tasks or futures that are done and those still pending, each in
 *  the order of the input (asyncio's (done, pending) pair of sets). */
template<typename F> struct WaitResult
{
    std::vector<F> done; //!< \brief The ones done or cancelled.
    std::vector<F> pending; //!< \brief The ones still pending.
};

/*! \brief Waits until \a returnWhen holds for \a futures, or until \a timeout passed
 *  (asyncio.wait): gives the done and the pending ones. Nothing is cancelled, not on timeout
 *  either (unlike waitFor()); cancelling the awaiting task cancels only the wait. \a futures holds
 *  Future<T>s or Task<T>s; a Task not yet started is scheduled as a task of its own (asyncio
 *  refuses coroutines here). A task or future given twice counts once. An empty list is a
 *  ValueError when awaited. */
template<typename F>
requires detail::IsFuture<F>::value || detail::IsTask<F>::value Task<WaitResult<F>>
wait(std::vector<F> futures, ReturnWhen returnWhen = ReturnWhen::AllCompleted,
     std::optional<std::chrono::nanoseconds> timeout = std::nullopt)
{
    const std::vector<F> unique = detail::startAndDeduplicate(std::move(futures));
    std::vector<detail::CoreRef> cores;
    cores.reserve(unique.size());
    for (const F &future : unique)
        cores.emplace_back(future.core());
    co_await detail::waitForCores(std::move(cores), returnWhen, timeout);
    WaitResult<F> result;
    for (const F &future : unique)
        (future.done() ? result.done : result.pending).push_back(future);
    co_return result;
}

/*! \brief The tasks or futures of asCompleted(), handed out in the order they finish
 *  (the iterator asyncio.as_completed returns). */
template<typename F> class AsCompleted
{
public:
    /*! \brief Internal: what asCompleted() makes. */
    AsCompleted(std::vector<F> futures, std::optional<std::chrono::nanoseconds> timeout)
        : m_futures(std::make_shared<const std::vector<F>>(
                detail::startAndDeduplicate(std::move(futures))))
    {
        std::vector<detail::CoreRef> cores;
        cores.reserve(m_futures->size());
        for (const F &future : *m_futures)
            cores.emplace_back(future.core());
        m_state = detail::startAsCompleted(std::move(cores), timeout);
    }

    AsCompleted(const AsCompleted &) = delete; // copies would hand out the same ones twice
    AsCompleted &operator=(const AsCompleted &) = delete;
    /*! \brief Takes over what \a other hands out; \a other may then only be destroyed or
     *  assigned to. */
    AsCompleted(AsCompleted &&other) noexcept = default;
    /*! \brief Takes over what \a other hands out. */
    AsCompleted &operator=(AsCompleted &&other) noexcept = default;

    /*! \brief How many tasks or futures there are (duplicates count once): as many next() calls
     *  give one each. */
    std::size_t size() const noexcept { return m_futures->size(); }
    /*! \brief True while next() has been called fewer than size() times. */
    bool hasNext() const noexcept { return m_handedOut < m_futures->size(); }

    /*! \brief Gives the next one to finish, done (its result() or `co_await` gives its value or
     *  rethrows); at once when one finished already. TimeoutError once the timeout passed before it
     *  finished (the unfinished ones go on running); InvalidStateError when called more than
     *  size() times. Awaits may overlap: each gets a different one. */
    Task<F> next()
    {
        const bool exhausted = !hasNext();
        if (!exhausted)
            ++m_handedOut;
        return nextOf(m_state, m_futures, exhausted);
    }

private:
    static Task<F> nextOf(std::shared_ptr<detail::AsCompletedState> state,
                          std::shared_ptr<const std::vector<F>> futures, bool exhausted)
    {
        if (exhausted)
            detail::throwAsCompletedExhausted();
        const std::size_t index = co_await detail::nextCompleted(std::move(state));
        co_return (*futures)[index];
    }

    std::shared_ptr<const std::vector<F>> m_futures;
    std::shared_ptr<detail::AsCompletedState> m_state;
    std::size_t m_handedOut = 0;
};

/*! \brief Hands out \a futures in the order they finish (asyncio.as_completed): call next() up to
 *  size() times and await each. After \a timeout, the next() of every one not finished by then
 *  throws TimeoutError; nothing is cancelled. \a futures holds Future<T>s or Task<T>s; a Task
 *  not yet started is scheduled as a task of its own; duplicates count once. */
template<typename F>
requires detail::IsFuture<F>::value || detail::IsTask<F>::value AsCompleted<F>
asCompleted(std::vector<F> futures, std::optional<std::chrono::nanoseconds> timeout = std::nullopt)
{
    return AsCompleted<F>(std::move(futures), timeout);
}

} // namespace aproc
