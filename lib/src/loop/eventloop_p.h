// SPDX-License-Identifier: MIT
//
//  W A R N I N G
//  -------------
// This file is not part of the Aproc API. It may change from version to version.
#pragma once

#include <aproc/eventloop.h>
#include <aproc/impl/callback.h>
#include <aproc/impl/taskcore.h>

#include "loop/eventloopreadyqueue_p.h"

#include <QtCore/QEvent>
#include <QtCore/QMutex>
#include <QtCore/QSocketNotifier>
#include <QtCore/QTimer>

#include <map>
#include <memory>
#include <unordered_map>
#include <vector>

QT_BEGIN_NAMESPACE
class QEventLoop;
QT_END_NAMESPACE

namespace aproc {

namespace detail {
class FutureCore;
class TaskCore;
class SignalRelay;
} // namespace detail

namespace detail {

/*! The tasks a loop runs, each started and not done (asyncio's all_tasks): a doubly linked list
 *  through TaskCore::taskLinks(), newest first. */
class TaskList
{
public:
    void insert(TaskCore *task) noexcept
    {
        TaskCore::TaskLinks &links = task->taskLinks();
        Q_ASSERT(!links.previous && !links.next && task != m_head);
        links.next = m_head;
        if (m_head)
            m_head->taskLinks().previous = task;
        m_head = task;
        ++m_size;
    }
    void erase(TaskCore *task) noexcept
    {
        TaskCore::TaskLinks &links = task->taskLinks();
        if (links.previous)
            links.previous->taskLinks().next = links.next;
        else if (m_head == task)
            m_head = links.next;
        else
            return; // not in the list
        if (links.next)
            links.next->taskLinks().previous = links.previous;
        links = {};
        --m_size;
    }
    bool empty() const noexcept { return m_head == nullptr; }
    size_t size() const noexcept { return m_size; }
    /*! A copy, for loops that may start or end tasks while they go through it. */
    std::vector<TaskCore *> snapshot() const
    {
        std::vector<TaskCore *> copy;
        copy.reserve(m_size);
        for (TaskCore *task = m_head; task; task = task->taskLinks().next)
            copy.push_back(task);
        return copy;
    }

private:
    TaskCore *m_head = nullptr;
    size_t m_size = 0;
};

} // namespace detail

class EventLoopPrivate
{
public:
    explicit EventLoopPrivate(EventLoop *q);
    ~EventLoopPrivate();

    static EventLoopPrivate *get(EventLoop *loop) { return loop->d.get(); }
    /*! True when \a loop is the live loop of the calling thread. */
    static bool isAlive(const EventLoop *loop);

    // The ready queue: callSoon(), done callbacks, task steps, fd events.
    quint64 enqueue(detail::Callback &&fn, detail::FutureCore *keepAlive = nullptr);
    bool cancelReady(quint64 id);
    void runReady();
    void postDrain();

    // Timers: callLater()/callAt(), ordered by (when, id).
    quint64 addTimer(qint64 whenNs, detail::Callback &&fn);
    bool cancelTimer(qint64 whenNs, quint64 id);
    void collectDueTimers(qint64 now);
    void armTimer();

    // Thread-safe entry.
    void enqueueThreadsafe(detail::Callback &&fn);
    void takeThreadsafe();

    // fd watches.
    struct FdWatch
    {
        std::unique_ptr<QSocketNotifier> notifier;
        std::shared_ptr<std::function<void()>> fn; // shared: the callback may remove its watch
        quint64 generation = 0;
        bool queued = false;
    };
    using FdWatches = std::unordered_map<int, FdWatch>;
    void addWatch(FdWatches &watches, int fd, std::function<void()> fn, bool write);
    bool removeWatch(FdWatches &watches, int fd);
    void onFdActivated(FdWatches &watches, int fd);

    // Tasks that run, for teardown.
    void addTask(detail::TaskCore *task) { tasks.insert(task); }
    void removeTask(detail::TaskCore *task) { tasks.erase(task); }
    void cancelRemainingTasks();

    void runOne(detail::Callback &fn);
    void finishIteration();

    EventLoop *const q;
    QPointer<EventLoop> self; // copied into each Handle: cheaper than a QPointer made from q
    ReadyQueue ready;
    quint64 nextId = 0;
    std::map<std::pair<qint64, quint64>, detail::Callback> timers;
    std::unordered_map<quint64, quint64> dueTimers; // timer id -> ready id, once collected
    QTimer timer;
    qint64 timerArmedFor = -1;
    bool drainPosted = false;
    bool stopping = false;
    bool closing = false;
    bool debug = false;
    std::chrono::milliseconds slowCallbackDuration{100};

    QMutex threadsafeMutex;
    std::vector<detail::Callback> threadsafeQueue;
    bool threadsafePosted = false;

    FdWatches readers;
    FdWatches writers;
    quint64 nextWatchGeneration = 0;

    std::unique_ptr<detail::SignalRelay> signalRelay;
    EventLoop::ExceptionHandler exceptionHandler;
    std::vector<QEventLoop *> runners;
    int runDepth = 0;
    detail::TaskList tasks;
};

} // namespace aproc
