// SPDX-License-Identifier: MIT
#pragma once

#include <aproc/future.h>

#include <coroutine>
#include <exception>
#include <type_traits>
#include <utility>

namespace aproc {

template<typename T> class Task;

namespace detail {

template<typename T> class TaskPromise;

/*! co_return: the value goes to the promise's slot. */
template<typename T> class TaskReturn : public TaskCore, public ValueSlot<T>
{
public:
    template<typename U = T> void return_value(U &&value)
    {
        this->value.emplace(std::forward<U>(value));
    }
};
template<> class TaskReturn<void> : public TaskCore, public ValueSlot<void>
{
public:
    void return_void() noexcept { }
};

template<typename T> class TaskPromise final : public TaskReturn<T>
{
public:
    Task<T> get_return_object() noexcept;

    auto initial_suspend() noexcept
    {
        struct Initial
        {
            TaskPromise *promise;
            bool await_ready() const noexcept { return false; }
            void await_suspend(std::coroutine_handle<>) const noexcept { }
            void await_resume() const
            {
                // A task cancelled before its first step never runs its body.
                if (promise->root() == promise)
                    promise->throwIfCancelRequested();
            }
        };
        return Initial{this};
    }

    auto final_suspend() noexcept
    {
        struct Final
        {
            bool await_ready() const noexcept { return false; }
            std::coroutine_handle<> await_suspend(std::coroutine_handle<TaskPromise> frame) noexcept
            {
                TaskPromise &promise = frame.promise();
                const std::coroutine_handle<> continuation = promise.continuation();
                promise.complete(); // a task of its own may be destroyed here
                return continuation ? continuation : std::noop_coroutine();
            }
            void await_resume() const noexcept { }
        };
        return Final{};
    }

    void unhandled_exception() noexcept { this->m_exception = std::current_exception(); }

protected:
    std::coroutine_handle<> frame() noexcept override
    {
        return std::coroutine_handle<TaskPromise>::from_promise(*this);
    }
};

} // namespace detail

/*! \brief The coroutine type (asyncio's coroutine and Task in one).
 *
 *  A Task is lazy: nothing runs until it is awaited or scheduled. Awaited (`co_await`) by another
 *  Aproc coroutine before it started, it runs inline, as part of the awaiting task, like
 *  `await coro` in Python. createTask() makes it a task of its own (asyncio.create_task): started
 *  by callSoon, cancellable, observable like a Future; awaiting such a task waits for it.
 *  Copies share one coroutine; the frame lives while a copy does or while it runs as a task.
 *  A foreign coroutine (QCoro) awaiting a Task starts it as a task of its own. */
template<typename T = void> class [[nodiscard]] Task : public detail::BasicFuture<T>
{
    using Base = detail::BasicFuture<T>;
    using Promise = detail::TaskPromise<T>;

public:
    /*! \brief Internal: the coroutine promise, which makes a function returning Task a
     *  coroutine. */
    using promise_type = Promise;
    /*! \brief The type of the result. */
    using value_type = T;

    /*! \brief Internal: the task of \a promise. */
    explicit Task(Promise *promise) : Base(promise, promise) { }

    /*! \brief Requests cancellation (Task.cancel): CancelledError is thrown into the coroutine
     *  at the co_await it is suspended on, and cancellation reaches what it awaits. A task not
     *  yet started is cancelled without running. False once done. */
    bool cancel(const QString &message = {}) { return this->m_core->cancel(message); }
    /*! \brief The number of pending cancellation requests (Task.cancelling). */
    int cancelling() const { return promise()->cancelling(); }
    /*! \brief Decrements cancelling() (Task.uncancel); returns the new count. */
    int uncancel() { return promise()->uncancel(); }
    /*! \brief True once the coroutine was scheduled as a task of its own or began running inline.
     */
    bool started() const { return promise()->started(); }

    /*! \brief The same outcome, seen as a Future. */
    operator Future<T>() const { return Future<T>(this->m_core.get(), this->m_slot); }

    /*! \brief What `co_await task` uses: an unstarted task awaited by an Aproc coroutine runs
     *  inline in the awaiting task; a started one is waited for like a Future; a foreign
     *  coroutine starts it as a task of its own. */
    struct Awaiter
    {
        Task task; //!< \brief The awaited task.
        detail::TaskCore *waitingTask = nullptr; //!< \brief The Aproc task waiting, or null.
        /*! \brief True when the task is done: then there is no suspension. */
        bool await_ready() const noexcept { return task.done(); }
        /*! \brief Runs an unstarted task inline in \a awaiting's task, or waits for a started
         *  one. */
        template<typename P>
        std::coroutine_handle<> await_suspend(std::coroutine_handle<P> awaiting)
        {
            Promise *promise = task.promise();
            if constexpr (detail::isAprocPromise<P>) {
                if (!promise->started()) {
                    promise->startInline(awaiting.promise().root(), awaiting);
                    return std::coroutine_handle<Promise>::from_promise(*promise);
                }
            } else {
                if (!promise->started())
                    promise->schedule();
            }
            waitingTask = detail::suspendOn(promise, awaiting);
            return std::noop_coroutine();
        }
        /*! \brief The value, or the exception rethrown; CancelledError when the waiting task
         *  was cancelled meanwhile. */
        T await_resume()
        {
            if (waitingTask)
                waitingTask->throwIfCancelRequested();
            return task.resumeValue();
        }
    };
    /*! \brief `co_await task` runs or waits for the coroutine, then gives its value or rethrows
     *  (`await coro` / `await task`). */
    Awaiter operator co_await() const noexcept { return Awaiter{*this}; }

    /*! \brief Internal: the coroutine's promise. */
    Promise *promise() const { return static_cast<Promise *>(this->m_core.get()); }
};

template<typename T> Task<T> detail::TaskPromise<T>::get_return_object() noexcept
{
    return Task<T>(this);
}

/*! \brief Schedules \a task to run as a task of its own on its loop (asyncio.create_task) and
 *  returns it. Throws InvalidStateError if it already started. */
template<typename T> Task<T> createTask(Task<T> task)
{
    task.promise()->schedule();
    return task;
}

template<typename T> Task<T> EventLoop::createTask(Task<T> task)
{
    Q_ASSERT(task.loop() == this);
    return aproc::createTask(std::move(task));
}

template<typename T> T EventLoop::runUntilComplete(Task<T> task)
{
    if (!task.started())
        task.promise()->schedule();
    runUntilDone(task.core());
    return task.resumeValue(); // copied like co_await: other holders still see the result
}

template<typename T> T EventLoop::runUntilComplete(Future<T> future)
{
    runUntilDone(future.core());
    return future.resumeValue();
}

/*! \brief The task whose step runs now on this thread, as its core, or null (asyncio.current_task).
 */
inline detail::TaskCore *currentTask()
{
    return detail::TaskCore::current();
}

} // namespace aproc
