// SPDX-License-Identifier: MIT
#include <aproc/errors.h>
#include <aproc/eventloop.h>
#include <aproc/impl/taskcore.h>

#include "global/logging_p.h"
#include "loop/eventloop_p.h"
#include "loop/eventloopdrainbudget_p.h"
#include "unix/signalrelay_p.h"

#include <QtCore/QAbstractEventDispatcher>
#include <QtCore/QCoreApplication>
#include <QtCore/QElapsedTimer>
#include <QtCore/QEventLoop>
#include <QtCore/QThread>

#include <algorithm>
#include <climits>

namespace aproc {

namespace {

thread_local EventLoop *t_loop = nullptr;

const QEvent::Type DrainEvent = QEvent::Type(QEvent::registerEventType());
const QEvent::Type ThreadsafeEvent = QEvent::Type(QEvent::registerEventType());

void destroyMainThreadLoop()
{
    delete t_loop;
}

QString describe(const std::exception_ptr &exception)
{
    if (!exception)
        return {};
    try {
        std::rethrow_exception(exception);
    } catch (const std::exception &error) {
        return QString::fromUtf8(error.what());
    } catch (...) {
        return QStringLiteral("unknown exception");
    }
}

} // namespace

// ---- Handle -----------------------------------------------------------------------------------

bool Handle::cancel()
{
    if (m_cancelled || !m_loop)
        return false;
    m_cancelled = true;
    EventLoopPrivate *d = EventLoopPrivate::get(m_loop);
    return m_whenNs < 0 ? d->cancelReady(m_id) : d->cancelTimer(m_whenNs, m_id);
}

double Handle::when() const
{
    return m_whenNs < 0 ? 0.0 : double(m_whenNs) / 1e9;
}

// ---- EventLoop --------------------------------------------------------------------------------

EventLoop *EventLoop::current()
{
    if (t_loop)
        return t_loop;
    QThread *thread = QThread::currentThread();
    if (!QAbstractEventDispatcher::instance(thread))
        throw Error(QCoreApplication::translate(
                "aproc", "EventLoop::current(): this thread has no Qt event dispatcher (create a "
                         "QCoreApplication first, or run in a started QThread)"));
    auto *loop = new EventLoop;
    t_loop = loop;
    if (QCoreApplication::instance() && thread == QCoreApplication::instance()->thread()) {
        qAddPostRoutine(destroyMainThreadLoop);
    } else {
        // finished is emitted by the thread itself, while its dispatcher still exists.
        QObject::connect(
                thread, &QThread::finished, thread, [loop] { delete loop; },
                Qt::ConnectionType(Qt::DirectConnection | Qt::SingleShotConnection));
    }
    return loop;
}

EventLoop::EventLoop(QObject *parent) : QObject(parent), d(std::make_unique<EventLoopPrivate>(this))
{ }

EventLoop::~EventLoop()
{
    d->cancelRemainingTasks();
    if (t_loop == this)
        t_loop = nullptr;
}

qint64 EventLoop::nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
                   std::chrono::steady_clock::now().time_since_epoch())
            .count();
}

double EventLoop::time() const
{
    return double(nowNs()) / 1e9;
}

Handle EventLoop::callSoonImpl(detail::Callback &&fn)
{
    Handle handle;
    handle.m_loop = d->self;
    handle.m_id = d->enqueue(std::move(fn));
    return handle;
}

void EventLoop::schedule(detail::Callback &&fn, detail::FutureCore *keepAlive)
{
    d->enqueue(std::move(fn), keepAlive);
}

Handle EventLoop::callAtNs(qint64 whenNs, detail::Callback &&fn)
{
    Handle handle;
    handle.m_loop = d->self;
    handle.m_whenNs = whenNs;
    handle.m_id = d->addTimer(whenNs, std::move(fn));
    return handle;
}

void EventLoop::callSoonThreadsafeImpl(detail::Callback &&fn)
{
    d->enqueueThreadsafe(std::move(fn));
}

void EventLoop::runUntilDone(detail::FutureCore *core)
{
    if (core->done())
        return;
    QEventLoop runner;
    QPointer<QEventLoop> guard(&runner);
    core->addDoneCallback([guard] {
        if (guard)
            guard->quit();
    });
    d->runners.push_back(&runner);
    ++d->runDepth;
    if (!d->ready.empty())
        d->postDrain(); // callbacks queued by the caller's own iteration run in the nested loop
    runner.exec();
    --d->runDepth;
    d->runners.pop_back();
    if (!core->done())
        throw Error(QCoreApplication::translate("aproc",
                                                "Event loop stopped before the future completed."));
}

void EventLoop::runForever()
{
    QEventLoop runner;
    d->runners.push_back(&runner);
    ++d->runDepth;
    if (d->stopping)
        d->postDrain(); // stop() before runForever(): run one iteration, then return
    else if (!d->ready.empty())
        d->postDrain();
    runner.exec();
    --d->runDepth;
    d->runners.pop_back();
}

void EventLoop::stop()
{
    d->stopping = true;
    d->postDrain();
}

bool EventLoop::isRunning() const
{
    return d->runDepth > 0 || thread()->loopLevel() > 0;
}

void EventLoop::addReader(int fd, std::function<void()> fn)
{
    d->addWatch(d->readers, fd, std::move(fn), false);
}

bool EventLoop::removeReader(int fd)
{
    return d->removeWatch(d->readers, fd);
}

void EventLoop::addWriter(int fd, std::function<void()> fn)
{
    d->addWatch(d->writers, fd, std::move(fn), true);
}

bool EventLoop::removeWriter(int fd)
{
    return d->removeWatch(d->writers, fd);
}

void EventLoop::addSignalHandler(int signo, std::function<void()> fn)
{
    if (!d->signalRelay)
        d->signalRelay = std::make_unique<detail::SignalRelay>(this);
    d->signalRelay->add(signo, std::move(fn));
}

bool EventLoop::removeSignalHandler(int signo)
{
    return d->signalRelay && d->signalRelay->remove(signo);
}

void EventLoop::setExceptionHandler(ExceptionHandler handler)
{
    d->exceptionHandler = std::move(handler);
}

EventLoop::ExceptionHandler EventLoop::exceptionHandler() const
{
    return d->exceptionHandler;
}

void EventLoop::callExceptionHandler(const ExceptionContext &context)
{
    if (!d->exceptionHandler) {
        defaultExceptionHandler(context);
        return;
    }
    try {
        d->exceptionHandler(this, context);
    } catch (...) {
        defaultExceptionHandler(
                {QStringLiteral("Unhandled error in exception handler"), std::current_exception()});
        defaultExceptionHandler(context);
    }
}

void EventLoop::defaultExceptionHandler(const ExceptionContext &context)
{
    const QString what = describe(context.exception);
    if (what.isEmpty())
        qCWarning(detail::lcLoop).noquote() << context.message;
    else
        qCWarning(detail::lcLoop).noquote() << context.message << QStringLiteral(": ") << what;
}

void EventLoop::setDebug(bool enabled)
{
    d->debug = enabled;
}

bool EventLoop::debug() const
{
    return d->debug;
}

void EventLoop::setSlowCallbackDuration(std::chrono::milliseconds duration)
{
    d->slowCallbackDuration = duration;
}

std::chrono::milliseconds EventLoop::slowCallbackDuration() const
{
    return d->slowCallbackDuration;
}

bool EventLoop::event(QEvent *event)
{
    if (event->type() == DrainEvent) {
        d->drainPosted = false;
        d->runReady();
        return true;
    }
    if (event->type() == ThreadsafeEvent) {
        d->takeThreadsafe();
        d->runReady();
        return true;
    }
    return QObject::event(event);
}

// ---- EventLoopPrivate -------------------------------------------------------------------------

EventLoopPrivate::EventLoopPrivate(EventLoop *q) : q(q), self(q)
{
    timer.setParent(q); // visible as the loop's only QTimer child: idle means inactive
    timer.setObjectName(QStringLiteral("aproc-loop-timer"));
    timer.setSingleShot(true);
    timer.setTimerType(Qt::PreciseTimer);
    QObject::connect(&timer, &QTimer::timeout, q, [this] {
        timerArmedFor = -1;
        runReady();
    });
}

EventLoopPrivate::~EventLoopPrivate() = default;

bool EventLoopPrivate::isAlive(const EventLoop *loop)
{
    return loop && loop == t_loop && !loop->d->closing;
}

quint64 EventLoopPrivate::enqueue(detail::Callback &&fn, detail::FutureCore *keepAlive)
{
    if (closing) {
        fn.reset();
        if (keepAlive)
            keepAlive->deref();
        return 0;
    }
    const quint64 id = ++nextId;
    ready.push(std::move(fn), id, keepAlive, 0);
    if (!drainPosted)
        postDrain();
    return id;
}

void EventLoopPrivate::postDrain()
{
    if (drainPosted)
        return;
    drainPosted = true;
    QCoreApplication::postEvent(q, new QEvent(DrainEvent));
}

bool EventLoopPrivate::cancelReady(quint64 id)
{
    ReadyItem *item = ready.find(id);
    if (!item || !item->fn)
        return false;
    item->fn.reset();
    return true;
}

void EventLoopPrivate::runOne(detail::Callback &fn)
{
    if (!fn)
        return;
    QElapsedTimer clock;
    if (debug)
        clock.start();
    try {
        fn();
    } catch (...) {
        q->callExceptionHandler(
                {QStringLiteral("Exception in callback"), std::current_exception()});
    }
    if (debug && clock.elapsed() >= slowCallbackDuration.count())
        qCWarning(detail::lcLoop, "Executing a callback took %.3f seconds",
                  double(clock.nsecsElapsed()) / 1e9);
}

void EventLoopPrivate::runReady()
{
    DrainBudget budget;
    for (;;) {
        if (!timers.empty())
            collectDueTimers(budget.lastReading());
        // One asyncio iteration: what is ready now runs; what it schedules runs in the next one.
        std::size_t count = ready.size();
        while (count-- > 0 && !ready.empty()) {
            ReadyItem item = ready.take();
            if (!ready.empty() && !drainPosted)
                postDrain(); // a nested event loop inside this callback must see the rest
            if (item.timerId)
                dueTimers.erase(item.timerId);
            runOne(item.fn);
            item.fn.reset();
            if (item.keepAlive)
                item.keepAlive->deref();
        }
        if (stopping) {
            finishIteration();
            break;
        }
        if (ready.empty() || budget.spent())
            break;
    }
    if (!ready.empty())
        postDrain();
    armTimer();
}

void EventLoopPrivate::finishIteration()
{
    stopping = false;
    if (!runners.empty())
        runners.back()->exit(0);
}

quint64 EventLoopPrivate::addTimer(qint64 whenNs, detail::Callback &&fn)
{
    const quint64 id = ++nextId;
    timers.emplace(std::make_pair(whenNs, id), std::move(fn));
    armTimer();
    return id;
}

bool EventLoopPrivate::cancelTimer(qint64 whenNs, quint64 id)
{
    if (timers.erase({whenNs, id}) > 0) {
        armTimer();
        return true;
    }
    // Already due: it waits in the ready queue, where cancelling still keeps it from running.
    const auto due = dueTimers.find(id);
    return due != dueTimers.end() && cancelReady(due->second);
}

void EventLoopPrivate::collectDueTimers(qint64 now)
{
    if (timers.empty())
        return;
    while (!timers.empty() && timers.begin()->first.first <= now) {
        auto node = timers.extract(timers.begin());
        const quint64 readyId = ++nextId; // the ready queue stays sorted by id
        dueTimers.emplace(node.key().second, readyId);
        ready.push(std::move(node.mapped()), readyId, nullptr, node.key().second);
    }
}

void EventLoopPrivate::armTimer()
{
    if (timers.empty()) {
        if (timer.isActive())
            timer.stop();
        timerArmedFor = -1;
        return;
    }
    const qint64 when = timers.begin()->first.first;
    if (timer.isActive() && timerArmedFor == when)
        return;
    const qint64 remainingNs = when - EventLoop::nowNs();
    const int ms = remainingNs <= 0
                           ? 0
                           : int(std::min<qint64>((remainingNs + 999'999) / 1'000'000, INT_MAX));
    timerArmedFor = when;
    timer.start(ms);
}

void EventLoopPrivate::enqueueThreadsafe(detail::Callback &&fn)
{
    QMutexLocker locker(&threadsafeMutex);
    threadsafeQueue.push_back(std::move(fn));
    if (threadsafePosted)
        return;
    threadsafePosted = true;
    QCoreApplication::postEvent(q, new QEvent(ThreadsafeEvent));
}

void EventLoopPrivate::takeThreadsafe()
{
    std::vector<detail::Callback> taken;
    {
        QMutexLocker locker(&threadsafeMutex);
        taken.swap(threadsafeQueue);
        threadsafePosted = false;
    }
    for (detail::Callback &fn : taken)
        enqueue(std::move(fn));
}

void EventLoopPrivate::cancelRemainingTasks()
{
    // As asyncio.run() does at the end: cancel what still runs and let it unwind, then drop the
    // rest so that no coroutine frame outlives its loop.
    for (int round = 0; round < 100 && !tasks.empty(); ++round) {
        for (detail::TaskCore *task : tasks.snapshot())
            task->cancel();
        for (int i = 0; i < 100 && !ready.empty(); ++i)
            runReady();
    }
    closing = true;
    while (!ready.empty()) {
        ReadyItem item = ready.take();
        item.fn.reset();
        if (item.keepAlive)
            item.keepAlive->deref();
    }
    timers.clear();
    dueTimers.clear();
    readers.clear();
    writers.clear();
    signalRelay.reset();
    for (detail::TaskCore *task : tasks.snapshot()) {
        tasks.erase(task);
        task->deref();
    }
}

} // namespace aproc
