// SPDX-License-Identifier: MIT
// asyncio.Lock and asyncio.Event (asyncio/locks.py, Python 3.11).
#include <aproc/errors.h>
#include <aproc/eventloop.h>
#include <aproc/locks.h>

#include "loop/waiters_p.h"

#include <QtCore/QCoreApplication>

#include <algorithm>
#include <utility>

namespace aproc {

namespace detail {

class LockPrivate
{
public:
    Waiters waiters;
    bool locked = false;

    /*! asyncio's Lock._wake_up_first: wakes the first waiter if it is not done yet. */
    void wakeUpFirst()
    {
        if (!waiters.empty() && !waiters.front().done())
            waiters.front().setResult();
    }
};

class EventPrivate
{
public:
    Waiters waiters;
    bool value = false;
};

} // namespace detail

// --- LockGuard ---------------------------------------------------------------------------------

LockGuard::LockGuard(LockGuard &&other) noexcept : m_lock(std::exchange(other.m_lock, nullptr)) { }

LockGuard &LockGuard::operator=(LockGuard &&other) noexcept
{
    if (this != &other) {
        LockGuard old(std::move(*this));
        m_lock = std::exchange(other.m_lock, nullptr);
    }
    return *this;
}

LockGuard::~LockGuard()
{
    if (!m_lock)
        return;
    try {
        release();
    } catch (const Error &) {
        detail::reportGuardError("LockGuard");
    }
}

void LockGuard::release()
{
    if (Lock *lock = std::exchange(m_lock, nullptr))
        lock->release();
}

// --- Lock --------------------------------------------------------------------------------------

Lock::Lock() : d(std::make_unique<detail::LockPrivate>()) { }

Lock::~Lock() = default;

bool Lock::locked() const
{
    return d->locked;
}

Task<LockGuard> Lock::acquire()
{
    co_await acquireUnguarded();
    co_return LockGuard(this);
}

Task<void> Lock::acquireUnguarded()
{
    detail::LockPrivate *const p = d.get();
    if (!p->locked && detail::allCancelled(p->waiters)) {
        p->locked = true;
        co_return;
    }
    const auto waiter = p->waiters.emplace(p->waiters.end());
    try {
        co_await *waiter;
    } catch (const CancelledError &) {
        p->waiters.erase(waiter);
        // Woken, then cancelled before it could run: the wake-up goes to the next waiter.
        if (!p->locked)
            p->wakeUpFirst();
        throw;
    }
    p->waiters.erase(waiter);
    p->locked = true;
}

void Lock::release()
{
    if (!d->locked)
        throw RuntimeError(QCoreApplication::translate("aproc", "Lock is not acquired."));
    d->locked = false;
    d->wakeUpFirst();
}

// --- Event -------------------------------------------------------------------------------------

Event::Event() : d(std::make_unique<detail::EventPrivate>()) { }

Event::~Event() = default;

bool Event::isSet() const
{
    return d->value;
}

void Event::set()
{
    if (d->value)
        return;
    d->value = true;
    for (Future<void> &waiter : d->waiters) {
        if (!waiter.done())
            waiter.setResult();
    }
}

void Event::clear()
{
    d->value = false;
}

Task<void> Event::wait()
{
    detail::EventPrivate *const p = d.get();
    if (p->value)
        co_return;
    const auto waiter = p->waiters.emplace(p->waiters.end());
    try {
        co_await *waiter;
    } catch (...) {
        p->waiters.erase(waiter);
        throw;
    }
    p->waiters.erase(waiter);
}

} // namespace aproc
