// SPDX-License-Identifier: MIT
#pragma once

#include <aproc/aproc_export.h>
#include <aproc/task.h>

#include <memory>

namespace aproc {

namespace detail {
class BarrierPrivate;
} // namespace detail

/*! \brief Lets a fixed number of tasks wait for each other (asyncio.Barrier): each wait()
 *  suspends until parties() tasks wait, then all of them go on. abort() breaks it; reset() brings
 *  it back to its initial state. Belongs to the thread of its loop, and must outlive the
 *  coroutines that use it. */
class APROC_EXPORT Barrier
{
public:
    /*! \brief A barrier for \a parties tasks (asyncio.Barrier(parties)). ValueError when
     *  \a parties is not positive. */
    explicit Barrier(int parties);
    Barrier(const Barrier &) = delete;
    Barrier &operator=(const Barrier &) = delete;
    /*! \brief Destroys the barrier: no coroutine may still wait on it. */
    ~Barrier();

    /*! \brief Waits until parties() tasks wait, and gives this task's index, 0 to parties() - 1,
     *  in the order they came (asyncio.Barrier.wait). BrokenBarrierError when the barrier is
     *  broken, or is aborted or reset while this task waits. Cancellable. */
    Task<int> wait();
    /*! \brief Brings the barrier back to its empty state; the tasks waiting get
     *  BrokenBarrierError (asyncio.Barrier.reset). */
    Task<void> reset();
    /*! \brief Breaks the barrier: the tasks waiting, and every later wait(), get
     *  BrokenBarrierError until reset() (asyncio.Barrier.abort). */
    Task<void> abort();

    /*! \brief The number of tasks needed to pass the barrier (asyncio.Barrier.parties). */
    int parties() const;
    /*! \brief The number of tasks waiting while it fills (asyncio.Barrier.n_waiting). */
    int nWaiting() const;
    /*! \brief True when the barrier is broken (asyncio.Barrier.broken). */
    bool broken() const;

private:
    std::unique_ptr<detail::BarrierPrivate> d;
};

} // namespace aproc
