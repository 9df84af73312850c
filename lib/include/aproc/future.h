// SPDX-License-Identifier: MIT
#pragma once

#include <aproc/errors.h>
#include <aproc/eventloop.h>
#include <aproc/impl/futurecore.h>
#include <aproc/impl/taskcore.h>

#include <QtCore/QPointer>

#include <coroutine>
#include <type_traits>
#include <utility>

namespace aproc {

template<typename T> class Future;

namespace detail {

/*! The observing half shared by Future<T> and Task<T>: state, result, callbacks. */
template<typename T> class BasicFuture
{
public:
    /*! \brief True once finished or cancelled (Future.done). */
    bool done() const { return m_core->done(); }
    /*! \brief True once cancelled (Future.cancelled). */
    bool cancelled() const { return m_core->cancelled(); }
    /*! \brief Cancels a pending future and schedules its callbacks; false if already done
     *  (Future.cancel). A task is cancelled the asyncio way: see Task::cancel(). */
    bool cancel(const QString &message = {}) { return m_core->cancel(message); }

    /*! \brief The result (Future.result): throws InvalidStateError while pending,
     *  CancelledError when cancelled, or the exception the future holds. */
    decltype(auto) result() const
    {
        m_core->checkResult();
        if constexpr (!std::is_void_v<T>)
            return static_cast<const T &>(*m_slot->value);
    }
    /*! \brief Like result(), but moves the value out: for move-only results, taken once. */
    T takeResult()
    {
        m_core->checkResult();
        if constexpr (!std::is_void_v<T>)
            return std::move(*m_slot->value);
    }
    /*! \brief The exception, or null (Future.exception): throws InvalidStateError while
     *  pending, CancelledError when cancelled. */
    std::exception_ptr exception() const { return m_core->exception(); }

    /*! \brief Schedules \a fn with callSoon once done, at once if done already
     *  (Future.add_done_callback). \a fn takes the future, or nothing. Returns an id for
     *  removeDoneCallback(). */
    template<typename F> FutureCore::CallbackId addDoneCallback(F fn)
    {
        FutureCore *core = m_core.get();
        ValueSlot<T> *slot = m_slot;
        return core->addDoneCallback([core, slot, fn = std::move(fn)]() mutable {
            if constexpr (std::is_invocable_v<F &, Future<T>>)
                fn(Future<T>(core, slot));
            else
                fn();
        });
    }
    /*! \brief Removes a callback added by addDoneCallback(); returns how many were removed
     *  (Future.remove_done_callback). */
    int removeDoneCallback(FutureCore::CallbackId id) { return m_core->removeDoneCallback(id); }

    /*! \brief For signal/slot code: calls \a fn once done, unless \a context was destroyed
     *  first. \a fn takes the future, or nothing; or, for a non-void future, the result, and then
     *  an exception goes to the loop's exception handler instead of \a fn. */
    template<typename F> void then(QObject *context, F fn)
    {
        addDoneCallback([guard = QPointer<QObject>(context),
                         fn = std::move(fn)](Future<T> future) mutable {
            if (!guard)
                return;
            if constexpr (std::is_invocable_v<F &, Future<T>>) {
                fn(future);
            } else if constexpr (std::is_invocable_v<F &>) {
                fn();
            } else if (const std::exception_ptr error = failureOf(future)) {
                future.loop()->callExceptionHandler(
                        {QStringLiteral("Exception in a future observed with then()"), error});
            } else {
                fn(future.result());
            }
        });
    }

    /*! \brief For signal/slot code: once done, calls \a onResult with the result (or nothing,
     *  for a void future) or, when the future failed or was cancelled, \a onError, unless
     *  \a context was destroyed first. \a onError takes the std::exception_ptr, or the error's
     *  message as a QString (Error::message(), or what()): a failed task reaches the slot
     *  instead of only a log line. */
    template<typename R, typename E> void then(QObject *context, R onResult, E onError)
    {
        addDoneCallback([guard = QPointer<QObject>(context), onResult = std::move(onResult),
                         onError = std::move(onError)](Future<T> future) mutable {
            if (!guard)
                return;
            if (const std::exception_ptr error = failureOf(future))
                deliverError(onError, error);
            else if constexpr (std::is_void_v<T>)
                onResult();
            else
                onResult(future.result());
        });
    }

    /*! \brief The loop the future belongs to. */
    EventLoop *loop() const { return m_core->loop(); }
    /*! \brief Internal: the shared state. */
    FutureCore *core() const { return m_core.get(); }
    ValueSlot<T> *slot() const { return m_slot; }

    /*! \brief Internal: what `co_await` gives: the value, copied (moved when T is move-only),
     *  or the exception rethrown. */
    T resumeValue() { return resumeValue(m_core.get(), m_slot); }
    /*! \brief Internal: resumeValue() of the future whose state is \a core and \a slot. */
    static T resumeValue(FutureCore *core, ValueSlot<T> *slot)
    {
        core->checkResult();
        if constexpr (std::is_void_v<T>)
            return;
        else if constexpr (std::is_copy_constructible_v<T>)
            return *slot->value;
        else
            return std::move(*slot->value);
    }

protected:
    BasicFuture(FutureCore *core, ValueSlot<T> *slot) : m_core(core), m_slot(slot) { }

    /*! \brief What result() would throw for \a future (done), or null. */
    static std::exception_ptr failureOf(const BasicFuture &future)
    {
        try {
            future.result();
        } catch (...) {
            return std::current_exception();
        }
        return nullptr;
    }

    /*! \brief then()'s error half: \a onError gets \a error, or its message. */
    template<typename E> static void deliverError(E &onError, const std::exception_ptr &error)
    {
        if constexpr (std::is_invocable_v<E &, std::exception_ptr>) {
            onError(error);
        } else {
            QString message;
            try {
                std::rethrow_exception(error);
            } catch (const Error &failure) {
                message = failure.message();
            } catch (const std::exception &failure) {
                message = QString::fromUtf8(failure.what());
            } catch (...) {
                message = QStringLiteral("unknown exception");
            }
            onError(message);
        }
    }

    CoreRef m_core;
    ValueSlot<T> *m_slot;
};

} // namespace detail

/*! \brief An eventual result (asyncio.Future): pending, then finished with a value or an
 *  exception, or cancelled. Copies share one state. `co_await future` gives the value (copied;
 *  moved when T is move-only) or rethrows; awaiting an already-done future does not suspend.
 *  Belongs to the thread of its loop. */
template<typename T = void> class Future : public detail::BasicFuture<T>
{
    using Base = detail::BasicFuture<T>;

public:
    /*! \brief The type of the result. */
    using value_type = T;

    /*! \brief A new pending future of the current thread's loop (asyncio.Future()). */
    Future() : Future(EventLoop::current()) { }
    /*! \brief A new pending future of \a loop (loop.create_future). */
    explicit Future(EventLoop *loop) : Future(new detail::FutureState<T>(loop)) { }
    /*! \brief Internal: shares \a core, whose value is in \a slot. */
    Future(detail::FutureCore *core, detail::ValueSlot<T> *slot) : Base(core, slot) { }

    /*! \brief Finishes the future with \a value (Future.set_result); InvalidStateError if done. */
    template<typename U = T, typename = std::enable_if_t<!std::is_void_v<U>>>
    void setResult(U &&value)
    {
        this->m_core->checkSettable();
        this->m_slot->value.emplace(std::forward<U>(value));
        this->m_core->finish();
    }
    /*! \brief Finishes a Future<void> (Future.set_result(None)). */
    template<typename U = T, typename = std::enable_if_t<std::is_void_v<U>>> void setResult()
    {
        this->m_core->checkSettable();
        this->m_core->finish();
    }
    /*! \brief Finishes the future with \a exception (Future.set_exception). */
    void setException(std::exception_ptr exception)
    {
        this->m_core->setException(std::move(exception));
    }
    /*! \brief Finishes the future with a copy of \a error. */
    template<typename E,
             typename = std::enable_if_t<std::is_base_of_v<std::exception, std::decay_t<E>>>>
    void setException(E &&error)
    {
        setException(std::make_exception_ptr(std::forward<E>(error)));
    }

    /*! \brief What `co_await future` uses: no suspension when already done; otherwise an Aproc
     *  task waits cancellably (cancelling the task cancels this future), another coroutine is
     *  resumed from a done callback.
     *
     *  It counts a reference to the state only once it suspends: until then nothing runs between
     *  operator co_await() and await_resume(), so the awaited future is alive, and awaiting a done
     *  future touches no reference count. */
    struct Awaiter
    {
        detail::FutureCore *core; //!< \brief The state of the awaited future.
        detail::ValueSlot<T> *slot; //!< \brief Where its value is.
        detail::CoreRef keepAlive = {}; //!< \brief A reference to the state, held while suspended.
        detail::TaskCore *task = nullptr; //!< \brief The Aproc task that suspended, or null.
        /*! \brief True when the future is done: then there is no suspension. */
        bool await_ready() const noexcept { return core->done(); }
        /*! \brief Waits for the future: cancellably when \a awaiting runs in an Aproc task. */
        template<typename P> void await_suspend(std::coroutine_handle<P> awaiting)
        {
            keepAlive = detail::CoreRef(core);
            task = detail::suspendOn(core, awaiting);
        }
        /*! \brief The value, or the exception rethrown; CancelledError when the task was
         *  cancelled meanwhile. */
        T await_resume()
        {
            if (task)
                task->throwIfCancelRequested();
            return detail::BasicFuture<T>::resumeValue(core, slot);
        }
    };
    /*! \brief `co_await future` gives the value or rethrows the exception (`await future`). */
    Awaiter operator co_await() const noexcept { return Awaiter{this->core(), this->slot()}; }

private:
    explicit Future(detail::FutureState<T> *state) : Base(state, state) { }
    friend class detail::BasicFuture<T>;
};

template<typename T> Future<T> EventLoop::createFuture()
{
    return Future<T>(this);
}

} // namespace aproc
