// SPDX-License-Identifier: MIT
#pragma once

#include <aproc/errors.h>
#include <aproc/impl/awaitable.h>

#include <exception>
#include <functional>
#include <tuple>
#include <variant>
#include <vector>

namespace aproc {

/*! \brief One child's outcome in gatherOutcomes(): its value, or the exception it finished with
 *  (a cancelled child holds a CancelledError), as a slot of asyncio.gather(...,
 *  return_exceptions=True) holds the result or the exception object. */
template<typename T> class Outcome
{
public:
    /*! \brief The type of the value (std::monostate for a void child). */
    using value_type = T;

    /*! \brief An outcome holding \a value. */
    explicit Outcome(T value) : m_state(std::in_place_index<0>, std::move(value)) { }
    /*! \brief An outcome holding the exception \a error (not null). */
    explicit Outcome(std::exception_ptr error) : m_state(std::in_place_index<1>, std::move(error))
    { }

    /*! \brief True when the child finished with a value. */
    bool hasValue() const noexcept { return m_state.index() == 0; }
    /*! \brief The value; rethrows the exception when there is none. */
    const T &value() const &
    {
        rethrowIfError();
        return std::get<0>(m_state);
    }
    /*! \brief The value, moved out; rethrows the exception when there is none. */
    T value() &&
    {
        rethrowIfError();
        return std::move(std::get<0>(m_state));
    }
    /*! \brief The exception, or null when the child finished with a value. */
    std::exception_ptr error() const noexcept
    {
        return hasValue() ? std::exception_ptr() : std::get<1>(m_state);
    }
    /*! \brief Rethrows the exception; does nothing when there is a value. */
    void rethrow() const { rethrowIfError(); }

private:
    void rethrowIfError() const
    {
        if (!hasValue())
            std::rethrow_exception(std::get<1>(m_state));
    }

    std::variant<T, std::exception_ptr> m_state;
};

namespace detail {

/*! What gather() gives for one awaitable: its result, or std::monostate for void. */
template<typename T> using GatherValue = std::conditional_t<std::is_void_v<T>, std::monostate, T>;

template<typename T> GatherValue<T> gatherValue(Future<T> &future)
{
    if constexpr (std::is_void_v<T>) {
        future.result();
        return {};
    } else {
        return future.resumeValue();
    }
}

/*! What gatherOutcomes() gives for one child (done): its value, or what awaiting it would throw
 *  (CancelledError for a cancelled child). Reading it marks the exception retrieved. */
template<typename T> Outcome<GatherValue<T>> gatherOutcome(Future<T> &future)
{
    try {
        return Outcome<GatherValue<T>>(gatherValue(future));
    } catch (...) {
        return Outcome<GatherValue<T>>(std::current_exception());
    }
}

/*! The future gather() returns (asyncio's _GatheringFuture): cancelling it cancels every child. */
template<typename R> class GatheringState final : public FutureCore, public ValueSlot<R>
{
public:
    /*! With \a returnExceptions (gatherOutcomes()), a failed or cancelled child does not end the
     *  gathering: \a collect gets every outcome once all are done. */
    GatheringState(EventLoop *loop, std::vector<CoreRef> children, std::function<R()> collect,
                   bool returnExceptions)
        : FutureCore(loop), m_children(std::move(children)), m_collect(std::move(collect)),
          m_returnExceptions(returnExceptions)
    { }

    void watchChildren()
    {
        if (m_children.empty()) {
            this->value.emplace(m_collect());
            finish();
            return;
        }
        for (const CoreRef &child : m_children) {
            FutureCore *core = child.get();
            ref(); // released in the callback
            core->addDoneCallback([this, core] {
                onChildDone(core);
                deref();
            });
        }
    }

    bool cancel(const QString &message = {}) override
    {
        if (done())
            return false;
        bool cancelledAny = false;
        for (const CoreRef &child : m_children)
            cancelledAny = child->cancel(message) || cancelledAny;
        if (cancelledAny)
            m_cancelRequested = true;
        return cancelledAny;
    }

private:
    void onChildDone(FutureCore *child)
    {
        ++m_finished;
        if (done()) {
            if (!child->cancelled())
                child->exception(); // mark it retrieved: the gather reported the first one
            return;
        }
        if (!m_returnExceptions && failEarly(child))
            return;
        if (m_finished < m_children.size())
            return;
        if (m_cancelRequested) {
            if (m_returnExceptions)
                markRetrieved(); // as asyncio, which collects the outcomes first
            setException(std::make_exception_ptr(CancelledError()));
            return;
        }
        try {
            this->value.emplace(m_collect());
            finish();
        } catch (...) {
            setException(std::current_exception());
        }
    }

    /*! gather() without returnExceptions: a cancelled or failed child ends the gathering. */
    bool failEarly(FutureCore *child)
    {
        if (child->cancelled()) {
            setException(std::make_exception_ptr(CancelledError()));
            return true;
        }
        if (auto error = child->exception()) {
            setException(error);
            return true;
        }
        return false;
    }

    void markRetrieved()
    {
        for (const CoreRef &child : m_children) {
            if (!child->cancelled())
                child->exception();
        }
    }

    std::vector<CoreRef> m_children;
    std::function<R()> m_collect;
    std::size_t m_finished = 0;
    bool m_cancelRequested = false;
    bool m_returnExceptions = false;
};

template<typename R>
Future<R> startGathering(EventLoop *loop, std::vector<CoreRef> children, std::function<R()> collect,
                         bool returnExceptions = false)
{
    auto *state = new GatheringState<R>(loop, std::move(children), std::move(collect),
                                        returnExceptions);
    Future<R> outer(state, state);
    state->watchChildren();
    return outer;
}

} // namespace detail

/*! \brief Runs the awaitables concurrently and gives their results in argument order, void ones
 *  as std::monostate (asyncio.gather). Tasks not yet started are scheduled as tasks of their own.
 *  The first exception propagates to the awaiter (the other children go on running); cancelling
 *  the returned future cancels every child. Since the others run on after a failure, children
 *  that use the awaiting coroutine's locals (a shared index, a results array) would outlive
 *  them: give such children to taskGroup(), which cancels the rest and waits for them. */
template<typename... A>
Future<std::tuple<detail::GatherValue<detail::AwaitResult<A>>...>> gather(A... awaitables)
{
    using Result = std::tuple<detail::GatherValue<detail::AwaitResult<A>>...>;
    auto children = std::make_tuple(detail::ensureFuture(std::move(awaitables))...);
    std::vector<detail::CoreRef> cores;
    std::apply([&](auto &...future) { (cores.emplace_back(future.core()), ...); }, children);
    EventLoop *loop = EventLoop::current();
    return detail::startGathering<Result>(loop, std::move(cores), [children]() mutable {
        return std::apply([](auto &...future) { return Result(detail::gatherValue(future)...); },
                          children);
    });
}

namespace detail {
/*! The futures of \a tasks, each scheduled if it had not started, and their cores in \a cores. */
template<typename T>
std::vector<Future<T>> childFutures(std::vector<Task<T>> &tasks, std::vector<CoreRef> &cores)
{
    std::vector<Future<T>> children;
    for (Task<T> &task : tasks) {
        children.push_back(ensureFuture(task));
        cores.emplace_back(children.back().core());
    }
    return children;
}
} // namespace detail

/*! \brief gather() over a list of tasks of one type: the results in list order. */
template<typename T> Future<std::vector<detail::GatherValue<T>>> gather(std::vector<Task<T>> tasks)
{
    using Result = std::vector<detail::GatherValue<T>>;
    std::vector<detail::CoreRef> cores;
    std::vector<Future<T>> children = detail::childFutures(tasks, cores);
    EventLoop *loop = EventLoop::current();
    return detail::startGathering<Result>(loop, std::move(cores), [children]() mutable {
        Result results;
        results.reserve(children.size());
        for (Future<T> &future : children)
            results.push_back(detail::gatherValue(future));
        return results;
    });
}

/*! \brief gather() that collects every outcome instead of failing on the first exception
 *  (asyncio.gather(..., return_exceptions=True)): the future finishes once every child is done,
 *  with one Outcome per awaitable in argument order, holding the value or the exception; a
 *  cancelled child gives a CancelledError in its slot. Cancelling the returned future cancels
 *  every child, and then it ends cancelled. */
template<typename... A>
Future<std::tuple<Outcome<detail::GatherValue<detail::AwaitResult<A>>>...>>
gatherOutcomes(A... awaitables)
{
    using Result = std::tuple<Outcome<detail::GatherValue<detail::AwaitResult<A>>>...>;
    auto children = std::make_tuple(detail::ensureFuture(std::move(awaitables))...);
    std::vector<detail::CoreRef> cores;
    std::apply([&](auto &...future) { (cores.emplace_back(future.core()), ...); }, children);
    EventLoop *loop = EventLoop::current();
    const auto collect = [children]() mutable {
        return std::apply([](auto &...future) { return Result(detail::gatherOutcome(future)...); },
                          children);
    };
    return detail::startGathering<Result>(loop, std::move(cores), collect, true);
}

/*! \brief gatherOutcomes() over a list of tasks of one type: the outcomes in list order. */
template<typename T>
Future<std::vector<Outcome<detail::GatherValue<T>>>> gatherOutcomes(std::vector<Task<T>> tasks)
{
    using Result = std::vector<Outcome<detail::GatherValue<T>>>;
    std::vector<detail::CoreRef> cores;
    std::vector<Future<T>> children = detail::childFutures(tasks, cores);
    EventLoop *loop = EventLoop::current();
    const auto collect = [children]() mutable {
        Result outcomes;
        outcomes.reserve(children.size());
        for (Future<T> &future : children)
            outcomes.push_back(detail::gatherOutcome(future));
        return outcomes;
    };
    return detail::startGathering<Result>(loop, std::move(cores), collect, true);
}

} // namespace aproc
