// SPDX-License-Identifier: MIT
// asyncio.Barrier (asyncio/locks.py, Python 3.11).
#include <aproc/barrier.h>
#include <aproc/errors.h>
#include <aproc/locks.h>

#include <QtCore/QCoreApplication>

#include <exception>

namespace aproc {

namespace detail {

class BarrierPrivate
{
public:
    enum class State { Filling, Draining, Resetting, Broken };

    explicit BarrierPrivate(int parties) : parties(parties) { }

    /*! asyncio's Barrier._block: waits while the barrier drains or resets. */
    Task<void> block()
    {
        co_await condition.waitFor(
                [this] { return state != State::Draining && state != State::Resetting; });
        if (state == State::Broken)
            throw BrokenBarrierError(QCoreApplication::translate("aproc", "Barrier aborted"));
    }
    /*! asyncio's Barrier._release: the last task to come lets every other one go. */
    void release()
    {
        state = State::Draining;
        condition.notifyAll();
    }
    /*! asyncio's Barrier._wait: waits until the barrier is full, broken or reset. */
    Task<void> waitFilled()
    {
        co_await condition.waitFor([this] { return state != State::Filling; });
        if (state == State::Broken || state == State::Resetting)
            throw BrokenBarrierError(
                    QCoreApplication::translate("aproc", "Abort or reset of barrier"));
    }
    /*! asyncio's Barrier._exit: the last task to leave lets the barrier fill again. */
    void exit()
    {
        if (count == 0) {
            if (state == State::Resetting || state == State::Draining)
                state = State::Filling;
            condition.notifyAll();
        }
    }

    Condition condition;
    const int parties;
    int count = 0;
    State state = State::Filling;
};

} // namespace detail

Barrier::Barrier(int parties)
{
    if (parties < 1)
        throw ValueError(QCoreApplication::translate("aproc", "Barrier parties must be > 0, not %1")
                                 .arg(parties));
    d = std::make_unique<detail::BarrierPrivate>(parties);
}

Barrier::~Barrier() = default;

Task<int> Barrier::wait()
{
    detail::BarrierPrivate *const p = d.get();
    LockGuard guard = co_await p->condition.acquire();
    co_await p->block();
    const int index = p->count++;
    std::exception_ptr failure;
    try {
        if (index + 1 == p->parties)
            p->release();
        else
            co_await p->waitFilled();
    } catch (...) {
        failure = std::current_exception();
    }
    --p->count;
    p->exit();
    if (failure)
        std::rethrow_exception(failure);
    co_return index;
}

Task<void> Barrier::reset()
{
    detail::BarrierPrivate *const p = d.get();
    LockGuard guard = co_await p->condition.acquire();
    using State = detail::BarrierPrivate::State;
    p->state = p->count > 0 ? State::Resetting : State::Filling;
    p->condition.notifyAll();
}

Task<void> Barrier::abort()
{
    detail::BarrierPrivate *const p = d.get();
    LockGuard guard = co_await p->condition.acquire();
    p->state = detail::BarrierPrivate::State::Broken;
    p->condition.notifyAll();
}

int Barrier::parties() const
{
    return d->parties;
}

int Barrier::nWaiting() const
{
    return d->state == detail::BarrierPrivate::State::Filling ? d->count : 0;
}

bool Barrier::broken() const
{
    return d->state == detail::BarrierPrivate::State::Broken;
}

} // namespace aproc
