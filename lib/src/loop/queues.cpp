// SPDX-License-Identifier: MIT
// The part of asyncio.Queue that does not depend on the item type (asyncio/queues.py, with
// Python 3.13's shutdown).
#include <aproc/errors.h>
#include <aproc/eventloop.h>
#include <aproc/impl/queuecore.h>

#include <QtCore/QCoreApplication>

#include <exception>

namespace aproc::detail {

QueueState::QueueState(qsizetype maxsize) : m_maxsize(maxsize)
{
    if (maxsize < 0)
        throw ValueError(
                QCoreApplication::translate("aproc", "maxsize must be >= 0, got %1").arg(maxsize));
}

QueueState::~QueueState() = default;

Future<void> QueueState::addWaiter(std::deque<Future<void>> &waiters)
{
    Future<void> waiter(EventLoop::current());
    waiters.push_back(waiter);
    return waiter;
}

void QueueState::remove(std::deque<Future<void>> &waiters, const Future<void> &waiter)
{
    // It may be gone already: taken by _wakeup_next or by shutdown().
    const auto it = std::find_if(waiters.begin(), waiters.end(), [&](const Future<void> &each) {
        return each.core() == waiter.core();
    });
    if (it != waiters.end())
        waiters.erase(it);
}

void QueueState::wakeupNext(std::deque<Future<void>> &waiters)
{
    while (!waiters.empty()) {
        Future<void> waiter = std::move(waiters.front());
        waiters.pop_front();
        if (!waiter.done()) {
            waiter.setResult();
            break;
        }
    }
}

void QueueState::wakeAll(std::deque<Future<void>> &waiters)
{
    while (!waiters.empty()) {
        Future<void> waiter = std::move(waiters.front());
        waiters.pop_front();
        if (!waiter.done())
            waiter.setResult();
    }
}

void QueueState::getterFailed(Future<void> &getter, bool empty)
{
    getter.cancel(); // in case it is not done yet
    remove(m_getters, getter);
    // Woken by a put, but it cannot take the item: the next in line does.
    if (!empty && !getter.cancelled())
        wakeupNext(m_getters);
}

void QueueState::putterFailed(Future<void> &putter, bool full)
{
    putter.cancel();
    remove(m_putters, putter);
    // Woken by a get, but it cannot use the free slot: the next in line does.
    if (!full && !putter.cancelled())
        wakeupNext(m_putters);
}

void QueueState::itemPut()
{
    ++m_unfinished;
    wakeupNext(m_getters);
}

void QueueState::taskDone()
{
    if (m_unfinished <= 0)
        throw ValueError(QCoreApplication::translate("aproc", "taskDone() called too many times"));
    if (--m_unfinished == 0)
        markFinished();
}

void QueueState::markFinished()
{
    wakeAll(m_joiners); // asyncio's self._finished.set()
}

Task<void> QueueState::join()
{
    if (m_unfinished == 0)
        co_return;
    // One future per joiner (asyncio.Event.wait): cancelling one join() cancels no other.
    Future<void> joiner = addWaiter(m_joiners);
    std::exception_ptr error;
    try {
        co_await joiner;
    } catch (...) {
        error = std::current_exception();
    }
    if (error) {
        joiner.cancel();
        remove(m_joiners, joiner);
        std::rethrow_exception(error);
    }
}

void QueueState::shutdown(bool immediate, qsizetype removed)
{
    m_shutDown = true;
    if (immediate) {
        m_unfinished = std::max<qsizetype>(0, m_unfinished - removed);
        if (m_unfinished == 0)
            markFinished();
    }
    // Every getter and putter looks again, and sees the shutdown.
    wakeAll(m_getters);
    wakeAll(m_putters);
}

void QueueState::throwEmpty() const
{
    throw QueueEmpty(QCoreApplication::translate("aproc", "getNowait(): the queue is empty"));
}

void QueueState::throwFull() const
{
    throw QueueFull(
            QCoreApplication::translate("aproc", "putNowait(): the queue is full (maxsize %1)")
                    .arg(m_maxsize));
}

void QueueState::throwShutDown(const char *operation) const
{
    throw QueueShutDown(QCoreApplication::translate("aproc", "%1: the queue is shut down")
                                .arg(QLatin1String(operation)));
}

} // namespace aproc::detail
