// SPDX-License-Identifier: MIT
/*! \file
 *  \brief asyncio's queues (asyncio.queues): Queue, LifoQueue and PriorityQueue, with Python
 *  3.13's shutdown(). */
#pragma once

#include <aproc/errors.h>
#include <aproc/future.h>
#include <aproc/impl/awaitable.h>
#include <aproc/impl/queuecore.h>
#include <aproc/task.h>

#include <coroutine>
#include <exception>
#include <functional>
#include <optional>
#include <utility>

namespace aproc {

namespace detail {

/*! \brief What a queue's get() returns: await it once with `co_await`, or give it to
 *  createTask(). When the queue holds an item it completes in await_ready(), without a
 *  suspension or a coroutine frame; otherwise await_suspend() starts the waiting get, a
 *  Task<T>, and waits for it (as StreamReader's reads do). */
template<typename Queue> class [[nodiscard]] QueueGetAwaitable
{
    using T = typename Queue::value_type;

public:
    /*! \brief A get() of \a queue. */
    explicit QueueGetAwaitable(Queue *queue) noexcept : m_queue(queue) { }
    /*! \brief True when an item is there to take now. */
    bool await_ready() const noexcept { return !m_queue->empty(); }
    /*! \brief Starts the waiting get and waits for it. */
    template<typename P> std::coroutine_handle<> await_suspend(std::coroutine_handle<P> awaiting)
    {
        m_waiting.emplace(typename Task<T>::Awaiter{m_queue->getWhenThere()});
        return m_waiting->await_suspend(awaiting);
    }
    /*! \brief The item, or the get's exception rethrown. */
    T await_resume()
    {
        if (m_waiting)
            return m_waiting->await_resume();
        return m_queue->getNowait();
    }

private:
    Queue *m_queue;
    std::optional<typename Task<T>::Awaiter> m_waiting;
};

/*! \brief What a queue's put() returns: await it once with `co_await`, or give it to
 *  createTask(). When the queue has room it completes in await_ready(), without a suspension or
 *  a coroutine frame; otherwise await_suspend() starts the waiting put, a Task<void>. */
template<typename Queue> class [[nodiscard]] QueuePutAwaitable
{
    using T = typename Queue::value_type;

public:
    /*! \brief A put() of \a item into \a queue. */
    QueuePutAwaitable(Queue *queue, T item) : m_queue(queue), m_item(std::move(item)) { }
    /*! \brief True when the queue has room now. */
    bool await_ready() const noexcept { return !m_queue->full(); }
    /*! \brief Starts the waiting put and waits for it. */
    template<typename P> std::coroutine_handle<> await_suspend(std::coroutine_handle<P> awaiting)
    {
        m_waiting.emplace(Task<void>::Awaiter{m_queue->putWhenRoom(std::move(m_item))});
        return m_waiting->await_suspend(awaiting);
    }
    /*! \brief Nothing, or the put's exception rethrown. */
    void await_resume()
    {
        if (m_waiting)
            m_waiting->await_resume();
        else
            m_queue->putNowait(std::move(m_item));
    }

private:
    Queue *m_queue;
    T m_item;
    std::optional<Task<void>::Awaiter> m_waiting;
};

} // namespace detail

/*! \brief What the three queues share (asyncio.Queue): a queue of \a T items kept in the order
 *  of \a Storage, for producer and consumer coroutines of one loop.
 *
 *  With a maxsize of 0 the queue is unbounded; otherwise put() waits while it holds maxsize
 *  items. Getters (and putters) that wait are served first come, first served. Cancelling a
 *  waiting get() loses no item: one that was woken but cancelled before it ran hands its turn to
 *  the next getter; a cancelled put() inserts nothing. \a T may be move-only.
 *
 *  put(), get() and join() are lazy, like a Python coroutine: nothing happens until they are
 *  awaited (or given to createTask()). A put() with room and a get() with an item complete
 *  without suspending and without a coroutine frame. They refer to the queue, which must outlive
 *  them; a queue is neither copied nor moved. It belongs to the thread of its loop. */
template<typename T, typename Storage> class BasicQueue
{
public:
    /*! \brief The type of the items. */
    using value_type = T;

    /*! \brief A queue that holds at most \a maxsize items, 0 for no limit (asyncio.Queue(maxsize)).
     *  A negative \a maxsize throws ValueError, naming it. */
    explicit BasicQueue(qsizetype maxsize = 0, Storage storage = Storage())
        : m_state(maxsize), m_storage(std::move(storage))
    { }
    BasicQueue(const BasicQueue &) = delete;
    BasicQueue &operator=(const BasicQueue &) = delete;

    /*! \brief The number of items in the queue (asyncio.Queue.qsize). */
    qsizetype qsize() const noexcept { return m_storage.size(); }
    /*! \brief The most items the queue holds; 0 when unbounded (asyncio.Queue.maxsize). */
    qsizetype maxsize() const noexcept { return m_state.maxsize(); }
    /*! \brief True when the queue holds no item (asyncio.Queue.empty). */
    bool empty() const noexcept { return qsize() == 0; }
    /*! \brief True when the queue holds maxsize() items; never for an unbounded queue
     *  (asyncio.Queue.full). */
    bool full() const noexcept { return m_state.isFull(qsize()); }

    /*! \brief Puts \a item into the queue, first waiting while it is full (asyncio.Queue.put).
     *  Throws QueueShutDown once the queue is shut down, also to a put() waiting then.
     *  Cancelled while it waits, it inserts nothing. */
    detail::QueuePutAwaitable<BasicQueue> put(T item)
    {
        return detail::QueuePutAwaitable<BasicQueue>(this, std::move(item));
    }

    /*! \brief Puts \a item into the queue at once (asyncio.Queue.put_nowait): QueueFull when it
     *  is full, QueueShutDown once it is shut down. Wakes the first waiting getter. */
    void putNowait(T item)
    {
        if (m_state.isShutDown())
            m_state.throwShutDown("putNowait()");
        if (full())
            m_state.throwFull();
        m_storage.push(std::move(item));
        m_state.itemPut();
    }

    /*! \brief Removes and gives the next item, first waiting while the queue is empty
     *  (asyncio.Queue.get). Throws QueueShutDown when the queue is shut down and empty, also to
     *  a get() waiting then. Cancelled, it takes no item. */
    detail::QueueGetAwaitable<BasicQueue> get()
    {
        return detail::QueueGetAwaitable<BasicQueue>(this);
    }

    /*! \brief Removes and gives the next item at once (asyncio.Queue.get_nowait): QueueEmpty
     *  when there is none, QueueShutDown when the queue is shut down and empty. Wakes the first
     *  waiting putter. */
    T getNowait()
    {
        if (empty()) {
            if (m_state.isShutDown())
                m_state.throwShutDown("getNowait()");
            m_state.throwEmpty();
        }
        T item = m_storage.pop();
        m_state.itemGot();
        return item;
    }

    /*! \brief Says that an item got from the queue has been processed (asyncio.Queue.task_done):
     *  when every item put has had its taskDone(), join() returns. Called more often than items
     *  were put, it throws ValueError. */
    void taskDone() { m_state.taskDone(); }

    /*! \brief Waits until every item put into the queue has been got and processed, that is
     *  until taskDone() was called once for each (asyncio.Queue.join). Does not suspend when
     *  nothing is unfinished. */
    Task<void> join() { return m_state.join(); }

    /*! \brief Shuts the queue down (asyncio.Queue.shutdown, Python 3.13): put() and putNowait()
     *  throw QueueShutDown from now on, get() and getNowait() once the queue is empty. Every
     *  waiting put() and get() is woken and throws QueueShutDown. With \a immediate, the items
     *  left are removed (each counts as a taskDone(), which may end a join()) and get() throws
     *  at once. */
    void shutdown(bool immediate = false)
    {
        qsizetype removed = 0;
        if (immediate) {
            removed = qsize();
            m_storage.clear();
        }
        m_state.shutdown(immediate, removed);
    }

    /*! \brief Internal: the state shared by all item types (for white-box tests). */
    const detail::QueueState &state() const noexcept { return m_state; }

private:
    template<typename Q> friend class detail::QueueGetAwaitable;
    template<typename Q> friend class detail::QueuePutAwaitable;

    // put() when the queue is full: waits for room (asyncio.Queue.put's loop).
    Task<void> putWhenRoom(T item)
    {
        while (full()) {
            if (m_state.isShutDown())
                m_state.throwShutDown("put()");
            Future<void> putter = m_state.addPutter();
            std::exception_ptr error;
            try {
                co_await putter;
            } catch (...) {
                error = std::current_exception();
            }
            if (error) {
                m_state.putterFailed(putter, full());
                std::rethrow_exception(error);
            }
        }
        putNowait(std::move(item));
    }

    // get() when the queue is empty: waits for an item (asyncio.Queue.get's loop).
    Task<T> getWhenThere()
    {
        while (empty()) {
            if (m_state.isShutDown())
                m_state.throwShutDown("get()");
            Future<void> getter = m_state.addGetter();
            std::exception_ptr error;
            try {
                co_await getter;
            } catch (...) {
                error = std::current_exception();
            }
            if (error) {
                m_state.getterFailed(getter, empty());
                std::rethrow_exception(error);
            }
        }
        co_return getNowait();
    }

    detail::QueueState m_state; // first: it checks maxsize before anything else is made
    Storage m_storage;
};

/*! \brief A first in, first out queue (asyncio.Queue). */
template<typename T> class Queue : public BasicQueue<T, detail::FifoStorage<T>>
{
public:
    /*! \brief A queue of at most \a maxsize items, 0 for no limit (asyncio.Queue(maxsize));
     *  ValueError when \a maxsize is negative. */
    explicit Queue(qsizetype maxsize = 0) : BasicQueue<T, detail::FifoStorage<T>>(maxsize) { }
};

/*! \brief A last in, first out queue: get() gives the item put most recently
 *  (asyncio.LifoQueue). */
template<typename T> class LifoQueue : public BasicQueue<T, detail::LifoStorage<T>>
{
public:
    /*! \brief A stack of at most \a maxsize items, 0 for no limit (asyncio.LifoQueue(maxsize));
     *  ValueError when \a maxsize is negative. */
    explicit LifoQueue(qsizetype maxsize = 0) : BasicQueue<T, detail::LifoStorage<T>>(maxsize) { }
};

/*! \brief A queue whose get() gives the smallest item by \a Compare first, as heapq does
 *  (asyncio.PriorityQueue). Items that compare equal come out in no set order; put a
 *  (priority, sequence number, data) tuple to keep them in order. */
template<typename T, typename Compare = std::less<T>>
class PriorityQueue : public BasicQueue<T, detail::HeapStorage<T, Compare>>
{
public:
    /*! \brief A priority queue of at most \a maxsize items, 0 for no limit, ordered by
     *  \a compare (asyncio.PriorityQueue(maxsize)); ValueError when \a maxsize is negative. */
    explicit PriorityQueue(qsizetype maxsize = 0, Compare compare = Compare())
        : BasicQueue<T, detail::HeapStorage<T, Compare>>(
                maxsize, detail::HeapStorage<T, Compare>(std::move(compare)))
    { }
};

} // namespace aproc
