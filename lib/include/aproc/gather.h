// SPDX-License-Identifier: MIT
#pragma once

#include <aproc/impl/awaitable.h>

#include <functional>
#include <tuple>
#include <variant>
#include <vector>

namespace aproc {

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

/*! The future gather() returns (asyncio's _GatheringFuture): cancelling it cancels every child. */
template<typename R> class GatheringState final : public FutureCore, public ValueSlot<R>
{
public:
    GatheringState(EventLoop *loop, std::vector<CoreRef> children, std::function<R()> collect)
        : FutureCore(loop), m_children(std::move(children)), m_collect(std::move(collect))
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
        if (child->cancelled()) {
            setException(std::make_exception_ptr(CancelledError()));
            return;
        }
        if (auto error = child->exception()) {
            setException(error);
            return;
        }
        if (m_finished < m_children.size())
            return;
        if (m_cancelRequested) {
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

    std::vector<CoreRef> m_children;
    std::function<R()> m_collect;
    std::size_t m_finished = 0;
    bool m_cancelRequested = false;
};

template<typename R>
Future<R> startGathering(EventLoop *loop, std::vector<CoreRef> children, std::function<R()> collect)
{
    auto *state = new GatheringState<R>(loop, std::move(children), std::move(collect));
    Future<R> outer(state, state);
    state->watchChildren();
    return outer;
}

} // namespace detail

/*! \brief Runs the awaitables concurrently and gives their results in argument order, void ones
 *  as std::monostate (asyncio.gather). Tasks not yet started are scheduled as tasks of their own.
 *  The first exception propagates to the awaiter (the other children go on running); cancelling
 *  the returned future cancels every child. */
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

/*! \brief gather() over a list of tasks of one type: the results in list order. */
template<typename T> Future<std::vector<detail::GatherValue<T>>> gather(std::vector<Task<T>> tasks)
{
    using Result = std::vector<detail::GatherValue<T>>;
    std::vector<Future<T>> children;
    std::vector<detail::CoreRef> cores;
    for (Task<T> &task : tasks) {
        children.push_back(detail::ensureFuture(task));
        cores.emplace_back(children.back().core());
    }
    EventLoop *loop = EventLoop::current();
    return detail::startGathering<Result>(loop, std::move(cores), [children]() mutable {
        Result results;
        results.reserve(children.size());
        for (Future<T> &future : children)
            results.push_back(detail::gatherValue(future));
        return results;
    });
}

} // namespace aproc
