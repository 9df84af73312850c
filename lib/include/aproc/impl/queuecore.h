// SPDX-License-Identifier: MIT
// Aproc internal header: do not include directly; include <aproc/queues.h>.
#pragma once

#include <aproc/aproc_export.h>
#include <aproc/future.h>
#include <aproc/task.h>

#include <QtCore/QtGlobal>

#include <algorithm>
#include <deque>
#include <utility>
#include <vector>

namespace aproc::detail {

/*! \brief What every queue has whatever its order (asyncio.Queue without _init, _put and _get):
 *  maxsize, the waiting getters and putters (one Future<void> each, woken in FIFO order), the
 *  count of unfinished tasks and the join() waiters, the shutdown flag, and the errors' messages.
 *  The typed BasicQueue keeps the items and calls it around each put and get. */
class APROC_EXPORT QueueState
{
public:
    /*! Throws ValueError when \a maxsize is negative. */
    explicit QueueState(qsizetype maxsize);
    QueueState(const QueueState &) = delete;
    QueueState &operator=(const QueueState &) = delete;
    ~QueueState();

    qsizetype maxsize() const noexcept { return m_maxsize; }
    bool isFull(qsizetype size) const noexcept { return m_maxsize > 0 && size >= m_maxsize; }
    bool isShutDown() const noexcept { return m_shutDown; }
    qsizetype unfinishedTasks() const noexcept { return m_unfinished; }
    qsizetype waitingGetters() const noexcept { return qsizetype(m_getters.size()); }
    qsizetype waitingPutters() const noexcept { return qsizetype(m_putters.size()); }

    /*! A new future for a getter (putter) that must wait, at the end of the line. */
    Future<void> addGetter() { return addWaiter(m_getters); }
    Future<void> addPutter() { return addWaiter(m_putters); }
    /*! A getter's await ended with \a error (cancelled, most likely): the asyncio `except:` of
     *  Queue.get. Forgets \a getter and, when it had been woken but cannot take the item, wakes
     *  the next one (\a empty says whether the queue is empty now). */
    void getterFailed(Future<void> &getter, bool empty);
    /*! The same for a putter; \a full says whether the queue is full now. */
    void putterFailed(Future<void> &putter, bool full);

    /*! After an item was added: one more unfinished task, the next getter woken (put_nowait). */
    void itemPut();
    /*! After an item was removed: the next putter woken (get_nowait). */
    void itemGot() { wakeupNext(m_putters); }

    /*! Queue.task_done: ValueError when called more often than items were put. */
    void taskDone();
    /*! Queue.join: waits until every item put has had its taskDone(). */
    Task<void> join();
    /*! Queue.shutdown once the items are gone (\a removed of them, when \a immediate): each
     *  removed item counts as done, and every waiting getter and putter is woken to see the
     *  shutdown. */
    void shutdown(bool immediate, qsizetype removed);

    [[noreturn]] void throwEmpty() const;
    [[noreturn]] void throwFull() const;
    /*! QueueShutDown naming \a operation, e.g. "put()". */
    [[noreturn]] void throwShutDown(const char *operation) const;

private:
    static Future<void> addWaiter(std::deque<Future<void>> &waiters);
    static void remove(std::deque<Future<void>> &waiters, const Future<void> &waiter);
    /*! asyncio's _wakeup_next: the first waiter not done yet gets its result. */
    static void wakeupNext(std::deque<Future<void>> &waiters);
    static void wakeAll(std::deque<Future<void>> &waiters);
    void markFinished();

    std::deque<Future<void>> m_getters;
    std::deque<Future<void>> m_putters;
    std::deque<Future<void>> m_joiners;
    qsizetype m_maxsize;
    qsizetype m_unfinished = 0;
    bool m_shutDown = false;
};

/*! The items of a Queue: first in, first out (a collections.deque). */
template<typename T> class FifoStorage
{
public:
    qsizetype size() const noexcept { return qsizetype(m_items.size()); }
    void push(T &&item) { m_items.push_back(std::move(item)); }
    T pop()
    {
        T item = std::move(m_items.front());
        m_items.pop_front();
        return item;
    }
    void clear() { m_items.clear(); }

private:
    std::deque<T> m_items;
};

/*! The items of a LifoQueue: last in, first out (a list used as a stack). */
template<typename T> class LifoStorage
{
public:
    qsizetype size() const noexcept { return qsizetype(m_items.size()); }
    void push(T &&item) { m_items.push_back(std::move(item)); }
    T pop()
    {
        T item = std::move(m_items.back());
        m_items.pop_back();
        return item;
    }
    void clear() { m_items.clear(); }

private:
    std::vector<T> m_items;
};

/*! The items of a PriorityQueue: a binary heap whose top is the smallest item by \a Compare
 *  (heapq.heappush and heappop). */
template<typename T, typename Compare> class HeapStorage
{
public:
    explicit HeapStorage(Compare compare = Compare()) : m_compare(std::move(compare)) { }
    qsizetype size() const noexcept { return qsizetype(m_items.size()); }
    void push(T &&item)
    {
        m_items.push_back(std::move(item));
        std::push_heap(m_items.begin(), m_items.end(), greater());
    }
    T pop()
    {
        std::pop_heap(m_items.begin(), m_items.end(), greater());
        T item = std::move(m_items.back());
        m_items.pop_back();
        return item;
    }
    void clear() { m_items.clear(); }

private:
    // std::push_heap keeps the largest on top by its comparison: reversed, the smallest.
    auto greater()
    {
        return [this](const T &a, const T &b) { return m_compare(b, a); };
    }

    std::vector<T> m_items;
    Compare m_compare;
};

} // namespace aproc::detail
