// SPDX-License-Identifier: MIT
// asyncio.Semaphore and asyncio.BoundedSemaphore (asyncio/locks.py, Python 3.11).
#include <aproc/errors.h>
#include <aproc/semaphore.h>

#include "loop/waiters_p.h"

#include <QtCore/QCoreApplication>

#include <algorithm>
#include <utility>

namespace aproc {

namespace detail {

class SemaphorePrivate
{
public:
    Waiters waiters;
    int value = 0;
    int bound = 0;
    bool bounded = false;

    /*! asyncio's Semaphore._wake_up_next: the first waiter not done yet gets a unit. */
    void wakeUpNext()
    {
        const auto next = std::find_if(waiters.begin(), waiters.end(),
                                       [](const Future<void> &waiter) { return !waiter.done(); });
        if (next == waiters.end())
            return;
        --value;
        next->setResult();
    }
};

} // namespace detail

// --- SemaphoreGuard ----------------------------------------------------------------------------

SemaphoreGuard::SemaphoreGuard(SemaphoreGuard &&other) noexcept
    : m_semaphore(std::exchange(other.m_semaphore, nullptr))
{ }

SemaphoreGuard &SemaphoreGuard::operator=(SemaphoreGuard &&other) noexcept
{
    if (this != &other) {
        SemaphoreGuard old(std::move(*this));
        m_semaphore = std::exchange(other.m_semaphore, nullptr);
    }
    return *this;
}

SemaphoreGuard::~SemaphoreGuard()
{
    if (!m_semaphore)
        return;
    try {
        release();
    } catch (const Error &) {
        detail::reportGuardError("SemaphoreGuard");
    }
}

void SemaphoreGuard::release()
{
    if (Semaphore *semaphore = std::exchange(m_semaphore, nullptr))
        semaphore->release();
}

// --- Semaphore ---------------------------------------------------------------------------------

Semaphore::Semaphore(int value) : Semaphore(value, false) { }

Semaphore::Semaphore(int value, bool bounded)
{
    if (value < 0)
        throw ValueError(
                QCoreApplication::translate("aproc", "Semaphore initial value must be >= 0, not %1")
                        .arg(value));
    d = std::make_unique<detail::SemaphorePrivate>();
    d->value = value;
    d->bound = value;
    d->bounded = bounded;
}

Semaphore::~Semaphore() = default;

bool Semaphore::locked() const
{
    return d->value == 0 || !detail::allCancelled(d->waiters);
}

int Semaphore::value() const
{
    return d->value;
}

Task<SemaphoreGuard> Semaphore::acquire()
{
    // A free unit is taken in this frame: no second coroutine frame for acquireUnguarded().
    const bool free = !locked();
    if (free)
        --d->value;
    else
        co_await acquireUnguarded();
    co_return SemaphoreGuard(this);
}

Task<void> Semaphore::acquireUnguarded()
{
    detail::SemaphorePrivate *const p = d.get();
    if (!locked()) {
        --p->value;
        co_return;
    }
    const auto waiter = p->waiters.emplace(p->waiters.end());
    try {
        co_await *waiter;
    } catch (const CancelledError &) {
        const bool woken = !waiter->cancelled();
        p->waiters.erase(waiter);
        // Woken (given a unit), then cancelled before it could run: the unit goes to the next.
        if (woken) {
            ++p->value;
            p->wakeUpNext();
        }
        throw;
    }
    p->waiters.erase(waiter);
    if (p->value > 0)
        p->wakeUpNext();
}

void Semaphore::release()
{
    if (d->bounded && d->value >= d->bound)
        throw ValueError(
                QCoreApplication::translate(
                        "aproc",
                        "BoundedSemaphore released too many times (its initial value is %1)")
                        .arg(d->bound));
    ++d->value;
    d->wakeUpNext();
}

// --- BoundedSemaphore --------------------------------------------------------------------------

BoundedSemaphore::BoundedSemaphore(int value) : Semaphore(value, true) { }

} // namespace aproc
