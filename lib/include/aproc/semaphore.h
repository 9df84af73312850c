// SPDX-License-Identifier: MIT
#pragma once

#include <aproc/aproc_export.h>
#include <aproc/task.h>

#include <memory>

namespace aproc {

class Semaphore;

namespace detail {
class SemaphorePrivate;
} // namespace detail

/*! \brief Holds one unit of a Semaphore acquired with Semaphore::acquire() and releases it when
 *  destroyed (what leaving `async with semaphore:` does, asyncio.Semaphore.__aexit__). Move-only;
 *  a moved-from or released guard does nothing. */
class APROC_EXPORT SemaphoreGuard
{
public:
    /*! \brief A guard that holds nothing. */
    SemaphoreGuard() noexcept = default;
    /*! \brief Internal: takes over one unit of \a semaphore, which the caller has acquired. */
    explicit SemaphoreGuard(Semaphore *semaphore) noexcept : m_semaphore(semaphore) { }
    /*! \brief Takes over what \a other holds. */
    SemaphoreGuard(SemaphoreGuard &&other) noexcept;
    /*! \brief Releases what this guard holds, then takes over what \a other holds. */
    SemaphoreGuard &operator=(SemaphoreGuard &&other) noexcept;
    SemaphoreGuard(const SemaphoreGuard &) = delete;
    SemaphoreGuard &operator=(const SemaphoreGuard &) = delete;
    /*! \brief Releases the unit if the guard still holds it (asyncio.Semaphore.__aexit__). */
    ~SemaphoreGuard();

    /*! \brief True while the guard holds its unit. */
    bool ownsUnit() const noexcept { return m_semaphore != nullptr; }
    /*! \brief Releases the unit now (asyncio.Semaphore.release); the guard then holds nothing. */
    void release();

private:
    Semaphore *m_semaphore = nullptr;
};

/*! \brief A counter that acquire() decrements and release() increments, never below zero
 *  (asyncio.Semaphore). Waiters are served first come, first served: a newcomer does not take a
 *  unit before them, and a waiter cancelled after it was woken passes its unit on. Belongs to the
 *  thread of its loop, and must outlive the coroutines that use it. */
class APROC_EXPORT Semaphore
{
public:
    /*! \brief A semaphore with \a value units (asyncio.Semaphore(value)). ValueError when
     *  \a value is negative. */
    explicit Semaphore(int value = 1);
    Semaphore(const Semaphore &) = delete;
    Semaphore &operator=(const Semaphore &) = delete;
    /*! \brief Destroys the semaphore: no coroutine may still wait for it. */
    virtual ~Semaphore();

    /*! \brief Waits for a unit, takes it and gives a guard that releases it when destroyed
     *  (`async with semaphore:`, asyncio.Semaphore.acquire). Does not suspend when a unit is free
     *  and nobody waits. Cancellable: a cancelled acquire takes nothing. */
    Task<SemaphoreGuard> acquire();
    /*! \brief acquire() without a guard: the caller must call release()
     *  (`await semaphore.acquire()`, asyncio.Semaphore.acquire). */
    Task<void> acquireUnguarded();
    /*! \brief Gives a unit back and wakes the first waiter (asyncio.Semaphore.release). */
    void release();
    /*! \brief True when acquire() would suspend: no unit is free, or someone waits
     *  (asyncio.Semaphore.locked). */
    bool locked() const;
    /*! \brief The number of free units (asyncio.Semaphore._value). */
    int value() const;

protected:
    /*! \brief For BoundedSemaphore: \a value units, at most \a value when \a bounded. */
    Semaphore(int value, bool bounded);

private:
    std::unique_ptr<detail::SemaphorePrivate> d;
};

/*! \brief A Semaphore that cannot be released above its initial value
 *  (asyncio.BoundedSemaphore): release() then throws ValueError. */
class APROC_EXPORT BoundedSemaphore : public Semaphore
{
public:
    /*! \brief A semaphore with \a value units, and at most as many
     *  (asyncio.BoundedSemaphore(value)). ValueError when \a value is negative. */
    explicit BoundedSemaphore(int value = 1);
};

} // namespace aproc
