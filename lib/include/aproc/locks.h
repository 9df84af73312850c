// SPDX-License-Identifier: MIT
#pragma once

#include <aproc/aproc_export.h>
#include <aproc/task.h>

#include <memory>
#include <type_traits>

namespace aproc {

class Lock;

namespace detail {
class LockPrivate;
class EventPrivate;
class ConditionPrivate;
} // namespace detail

/*! \brief Holds a Lock acquired with Lock::acquire() and releases it when destroyed (what
 *  leaving `async with lock:` does, asyncio.Lock.__aexit__). Move-only; a moved-from or released
 *  guard does nothing. */
class APROC_EXPORT LockGuard
{
public:
    /*! \brief A guard that holds nothing. */
    LockGuard() noexcept = default;
    /*! \brief Internal: takes over \a lock, which the caller has acquired. */
    explicit LockGuard(Lock *lock) noexcept : m_lock(lock) { }
    /*! \brief Takes over what \a other holds. */
    LockGuard(LockGuard &&other) noexcept;
    /*! \brief Releases what this guard holds, then takes over what \a other holds. */
    LockGuard &operator=(LockGuard &&other) noexcept;
    LockGuard(const LockGuard &) = delete;
    LockGuard &operator=(const LockGuard &) = delete;
    /*! \brief Releases the lock if the guard still holds it (asyncio.Lock.__aexit__). */
    ~LockGuard();

    /*! \brief True while the guard holds its lock. */
    bool ownsLock() const noexcept { return m_lock != nullptr; }
    /*! \brief Releases the lock now (asyncio.Lock.release); the guard then holds nothing.
     *  RuntimeError if the lock was released behind the guard's back. */
    void release();

private:
    Lock *m_lock = nullptr;
};

/*! \brief A mutual exclusion lock for coroutines (asyncio.Lock). Not owned by a task: any
 *  coroutine may release it. Waiters are served first come, first served; a waiter cancelled
 *  after it was woken passes the lock on to the next one. Belongs to the thread of its loop, and
 *  must outlive the coroutines that use it. */
class APROC_EXPORT Lock
{
public:
    /*! \brief An unlocked lock (asyncio.Lock()). */
    Lock();
    Lock(const Lock &) = delete;
    Lock &operator=(const Lock &) = delete;
    /*! \brief Destroys the lock: no coroutine may still wait for it or hold it. */
    ~Lock();

    /*! \brief Waits until the lock is free, locks it and gives a guard that releases it when
     *  destroyed (`async with lock:`, asyncio.Lock.acquire). Does not suspend when the lock is
     *  free and nobody waits. Cancellable: a cancelled acquire leaves the lock as it was. */
    Task<LockGuard> acquire();
    /*! \brief acquire() without a guard: the caller must call release() (`await lock.acquire()`,
     *  asyncio.Lock.acquire). */
    Task<void> acquireUnguarded();
    /*! \brief Unlocks the lock and wakes the first waiter (asyncio.Lock.release). RuntimeError
     *  when the lock is not locked. */
    void release();
    /*! \brief True while the lock is held (asyncio.Lock.locked). */
    bool locked() const;

private:
    std::unique_ptr<detail::LockPrivate> d;
};

/*! \brief A flag that coroutines can wait for (asyncio.Event): set() wakes every waiter, and
 *  wait() returns at once while it is set. Belongs to the thread of its loop, and must outlive the
 *  coroutines that wait for it. */
class APROC_EXPORT Event
{
public:
    /*! \brief An event that is not set (asyncio.Event()). */
    Event();
    Event(const Event &) = delete;
    Event &operator=(const Event &) = delete;
    /*! \brief Destroys the event: no coroutine may still wait for it. */
    ~Event();

    /*! \brief True while the flag is set (asyncio.Event.is_set). */
    bool isSet() const;
    /*! \brief Sets the flag and wakes every waiter (asyncio.Event.set). */
    void set();
    /*! \brief Clears the flag: wait() suspends again (asyncio.Event.clear). */
    void clear();
    /*! \brief Waits until the flag is set; at once if it is (asyncio.Event.wait). Cancellable. */
    Task<void> wait();

private:
    std::unique_ptr<detail::EventPrivate> d;
};

/*! \brief A condition variable for coroutines (asyncio.Condition): wait() releases the lock,
 *  waits for notify() or notifyAll(), then takes the lock again. Waiters are woken in the order
 *  they came. Belongs to the thread of its loop, and must outlive the coroutines that use it. */
class APROC_EXPORT Condition
{
public:
    /*! \brief A condition with a lock of its own (asyncio.Condition()). */
    Condition();
    /*! \brief A condition that uses \a lock, which must outlive it (asyncio.Condition(lock)). */
    explicit Condition(Lock &lock);
    Condition(const Condition &) = delete;
    Condition &operator=(const Condition &) = delete;
    /*! \brief Destroys the condition: no coroutine may still wait on it. */
    ~Condition();

    /*! \brief Acquires the underlying lock (`async with condition:`, asyncio.Condition.acquire). */
    Task<LockGuard> acquire();
    /*! \brief Releases the underlying lock (asyncio.Condition.release). */
    void release();
    /*! \brief True while the underlying lock is held (asyncio.Condition.locked). */
    bool locked() const;
    /*! \brief The underlying lock. */
    Lock &lock() const;

    /*! \brief Releases the lock, waits to be notified, and takes the lock again before it returns
     *  or throws, also when cancelled (asyncio.Condition.wait). RuntimeError, before anything
     *  else, when the lock is not held. */
    Task<void> wait();
    /*! \brief wait() until \a predicate() is true, checking it first; gives its last value
     *  (asyncio.Condition.wait_for). The lock must be held. */
    template<typename Predicate>
    Task<std::decay_t<std::invoke_result_t<Predicate &>>> waitFor(Predicate predicate)
    {
        auto result = predicate();
        while (!result) {
            co_await wait();
            result = predicate();
        }
        co_return result;
    }
    /*! \brief Wakes up to \a n waiters, first come first (asyncio.Condition.notify). RuntimeError
     *  when the lock is not held. A woken waiter returns once it has the lock again. */
    void notify(int n = 1);
    /*! \brief Wakes every waiter (asyncio.Condition.notify_all). RuntimeError when the lock is
     *  not held. */
    void notifyAll();

private:
    std::unique_ptr<detail::ConditionPrivate> d;
};

} // namespace aproc
