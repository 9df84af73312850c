// SPDX-License-Identifier: MIT
// asyncio.Condition (asyncio/locks.py, Python 3.11).
#include <aproc/errors.h>
#include <aproc/locks.h>

#include "loop/waiters_p.h"

#include <QtCore/QCoreApplication>

#include <exception>
#include <memory>

namespace aproc {

namespace detail {

class ConditionPrivate
{
public:
    explicit ConditionPrivate(Lock *external) : lock(external)
    {
        if (!lock) {
            ownLock = std::make_unique<Lock>();
            lock = ownLock.get();
        }
    }

    std::unique_ptr<Lock> ownLock;
    Lock *lock;
    Waiters waiters;
};

} // namespace detail

Condition::Condition() : d(std::make_unique<detail::ConditionPrivate>(nullptr)) { }

Condition::Condition(Lock &lock) : d(std::make_unique<detail::ConditionPrivate>(&lock)) { }

Condition::~Condition() = default;

Task<LockGuard> Condition::acquire()
{
    return d->lock->acquire();
}

void Condition::release()
{
    d->lock->release();
}

bool Condition::locked() const
{
    return d->lock->locked();
}

Lock &Condition::lock() const
{
    return *d->lock;
}

Task<void> Condition::wait()
{
    detail::ConditionPrivate *const p = d.get();
    if (!p->lock->locked())
        throw RuntimeError(QCoreApplication::translate("aproc", "cannot wait on un-acquired lock"));
    p->lock->release();
    std::exception_ptr failure;
    const auto waiter = p->waiters.emplace(p->waiters.end());
    try {
        co_await *waiter;
    } catch (...) {
        failure = std::current_exception();
    }
    p->waiters.erase(waiter);
    // The lock is taken again whatever happened; a cancellation meanwhile is raised afterwards.
    bool cancelled = false;
    for (;;) {
        try {
            co_await p->lock->acquireUnguarded();
            break;
        } catch (const CancelledError &) {
            cancelled = true;
        }
    }
    if (cancelled)
        throw CancelledError();
    if (failure)
        std::rethrow_exception(failure);
}

void Condition::notify(int n)
{
    if (!d->lock->locked())
        throw RuntimeError(
                QCoreApplication::translate("aproc", "cannot notify on un-acquired lock"));
    int woken = 0;
    for (Future<void> &waiter : d->waiters) {
        if (woken >= n)
            break;
        if (!waiter.done()) {
            ++woken;
            waiter.setResult();
        }
    }
}

void Condition::notifyAll()
{
    notify(static_cast<int>(d->waiters.size()));
}

} // namespace aproc
