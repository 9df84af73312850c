// SPDX-License-Identifier: MIT
// Aproc internal header: do not include directly; include <aproc/future.h>.
#pragma once

#include <aproc/aproc_export.h>
#include <aproc/impl/callback.h>

#include <QtCore/QString>
#include <QtCore/QtGlobal>

#include <exception>
#include <optional>
#include <vector>

namespace aproc {
class EventLoop;
}

namespace aproc::detail {

/*! \brief The state every Future<T> and Task<T> shares: pending, finished or cancelled, the
 *  exception, the done callbacks. Reference-counted (not thread-safe: a future belongs to the
 *  thread of its loop, as in asyncio). The value lives in the typed subclass. */
class APROC_EXPORT FutureCore
{
public:
    enum class State : quint8 { Pending, Finished, Cancelled };
    using CallbackId = quint32;

    explicit FutureCore(EventLoop *loop);
    FutureCore(const FutureCore &) = delete;
    FutureCore &operator=(const FutureCore &) = delete;

    void ref() noexcept { ++m_refs; }
    void deref() noexcept
    {
        if (--m_refs == 0)
            destroy();
    }

    EventLoop *loop() const noexcept { return m_loop; }
    State state() const noexcept { return m_state; }
    bool done() const noexcept { return m_state != State::Pending; }
    bool cancelled() const noexcept { return m_state == State::Cancelled; }
    bool isTask() const noexcept { return m_isTask; }

    /*! asyncio Future.cancel(): a pending future becomes cancelled and its callbacks are
     *  scheduled; returns false when it was already done. Tasks override it. */
    virtual bool cancel(const QString &message = {});
    /*! Throws InvalidStateError when done, or when this is a task. */
    void setException(std::exception_ptr exception);
    /*! Throws InvalidStateError when pending, CancelledError when cancelled. */
    std::exception_ptr exception();
    /*! What result() does before giving the value: throws InvalidStateError when pending,
     *  CancelledError when cancelled, the stored exception if any. Inline for the common case,
     *  a finished future without an exception, so that awaiting a done future costs no call. */
    void checkResult()
    {
        if (m_state == State::Finished && !m_exception) [[likely]]
            return;
        checkResultSlow();
    }

    /*! The callback is scheduled with callSoon once the future is done (at once if it is). */
    CallbackId addDoneCallback(Callback callback);
    /*! Returns how many callbacks were removed (0 or 1). */
    int removeDoneCallback(CallbackId id);

    /*! For typed subclasses: mark finished (the value is already stored) and schedule callbacks. */
    void finish();
    /*! Throws InvalidStateError unless pending and not a task. */
    void checkSettable() const;

protected:
    virtual ~FutureCore();
    /*! Called when the last reference goes; a task's promise destroys its coroutine frame. */
    virtual void destroy() { delete this; }
    void markDone(State state);
    [[noreturn]] static void throwInvalidState(const char *what);
    /*! checkResult() for a pending or cancelled future, or one that holds an exception. */
    void checkResultSlow();

    EventLoop *m_loop;
    std::exception_ptr m_exception;
    QString m_cancelMessage;
    bool m_isTask = false;

private:
    struct Entry
    {
        CallbackId id;
        Callback callback;
    };
    void scheduleCallbacks();

    std::vector<Entry> m_callbacks;
    quint32 m_refs = 0;
    CallbackId m_nextCallbackId = 0;
    State m_state = State::Pending;
    bool m_retrieved = false;
};

/*! The value a finished Future<T> holds; nothing for void. */
template<typename T> struct ValueSlot
{
    std::optional<T> value;
};
template<> struct ValueSlot<void>
{ };

/*! A plain future: the core plus the value. */
template<typename T> class FutureState final : public FutureCore, public ValueSlot<T>
{
public:
    using FutureCore::FutureCore;
};

/*! A reference to a core, counted. */
class CoreRef
{
public:
    CoreRef() noexcept = default;
    explicit CoreRef(FutureCore *core) noexcept : m_core(core)
    {
        if (m_core)
            m_core->ref();
    }
    CoreRef(const CoreRef &other) noexcept : CoreRef(other.m_core) { }
    CoreRef(CoreRef &&other) noexcept : m_core(std::exchange(other.m_core, nullptr)) { }
    CoreRef &operator=(CoreRef other) noexcept
    {
        std::swap(m_core, other.m_core);
        return *this;
    }
    ~CoreRef()
    {
        if (m_core)
            m_core->deref();
    }
    FutureCore *get() const noexcept { return m_core; }
    FutureCore *operator->() const noexcept { return m_core; }
    explicit operator bool() const noexcept { return m_core != nullptr; }

private:
    FutureCore *m_core = nullptr;
};

} // namespace aproc::detail
