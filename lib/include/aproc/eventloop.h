// SPDX-License-Identifier: MIT
#pragma once

#include <aproc/aproc_export.h>
#include <aproc/impl/callback.h>

#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtCore/QStringList>

#include <chrono>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <type_traits>
#include <utility>

namespace aproc {

template<typename T> class Future;
template<typename T> class Task;
class EventLoop;
class EventLoopPrivate;
class BaseProtocol;
class Protocol;
class ReadTransport;
class WriteTransport;
class SubprocessTransport;
struct ProcessOptions;

namespace detail {
class FutureCore;
}

/*! \brief A scheduled callback (asyncio.Handle / TimerHandle): cancel() keeps it from running. */
class APROC_EXPORT Handle
{
public:
    Handle() = default;
    /*! \brief Cancels the callback if it has not run yet; true when it was still scheduled. */
    bool cancel();
    /*! \brief True once cancel() was called on this handle. */
    bool cancelled() const { return m_cancelled; }
    /*! \brief For a timer, the loop time() at which it is due; 0 for callSoon(). */
    double when() const;

private:
    friend class EventLoop;
    friend class EventLoopPrivate;
    QPointer<EventLoop> m_loop;
    quint64 m_id = 0;
    qint64 m_whenNs = -1;
    bool m_cancelled = false;
};

/*! \brief What callExceptionHandler() reports (asyncio's context dict): a message and the
 *  exception, if any. */
struct ExceptionContext
{
    QString message; //!< \brief What happened (context["message"]).
    std::exception_ptr exception; //!< \brief The exception, or null (context["exception"]).
};

/*! \brief The asyncio event loop of one thread, running on that thread's Qt event dispatcher
 *  (asyncio.AbstractEventLoop).
 *
 *  There is no loop of its own: callbacks, timers, fd watches and coroutine resumptions are Qt
 *  events, so Aproc code and ordinary signals and slots interleave and a GUI never freezes.
 *  callSoon() callbacks run in FIFO order, many per Qt event, in bounded batches. Not thread-safe
 *  except callSoonThreadsafe(). */
class APROC_EXPORT EventLoop : public QObject
{
    Q_OBJECT

public:
    /*! \brief What setExceptionHandler() takes: called with the loop and the context (the
     *  handler(loop, context) of loop.set_exception_handler). */
    using ExceptionHandler = std::function<void(EventLoop *loop, const ExceptionContext &context)>;

    /*! \brief The loop of the calling thread, created on first use (asyncio.get_event_loop).
     *  The thread must have a Qt event dispatcher: the main thread once QCoreApplication exists,
     *  or a QThread that is running. The loop lives until the application (main thread) or the
     *  QThread finishes. */
    static EventLoop *current();

    ~EventLoop() override;

    /*! \brief The loop's monotonic clock, in seconds (loop.time()). */
    double time() const;

    /*! \brief Runs \a fn once, soon, after every callback scheduled before it (loop.call_soon). */
    template<typename F> Handle callSoon(F &&fn)
    {
        return callSoonImpl(detail::Callback(std::forward<F>(fn)));
    }
    /*! \brief Runs \a fn once after \a delay (loop.call_later). */
    template<typename Rep, typename Period, typename F>
    Handle callLater(std::chrono::duration<Rep, Period> delay, F &&fn)
    {
        return callAtNs(
                nowNs() + std::chrono::duration_cast<std::chrono::nanoseconds>(delay).count(),
                detail::Callback(std::forward<F>(fn)));
    }
    /*! \brief Runs \a fn once when time() reaches \a when (loop.call_at). */
    template<typename F> Handle callAt(double when, F &&fn)
    {
        return callAtNs(qint64(when * 1e9), detail::Callback(std::forward<F>(fn)));
    }
    /*! \brief callSoon() from any thread (loop.call_soon_threadsafe). */
    template<typename F> void callSoonThreadsafe(F &&fn)
    {
        callSoonThreadsafeImpl(detail::Callback(std::forward<F>(fn)));
    }

    /*! \brief Runs the loop until \a task is done, then returns its result or rethrows its
     *  exception (loop.run_until_complete). An unstarted task is started. Works from main()
     *  before QCoreApplication::exec() and from inside a running event loop (a test slot, a
     *  callback), by nesting a QEventLoop. */
    template<typename T> T runUntilComplete(Task<T> task);
    /*! \brief Runs the loop until \a future is done, then returns its result or rethrows its
     *  exception (loop.run_until_complete). */
    template<typename T> T runUntilComplete(Future<T> future);

    /*! \brief Runs the loop until stop() (loop.run_forever). */
    void runForever();
    /*! \brief Ends the innermost runForever() or runUntilComplete() after the callbacks already
     *  due have run (loop.stop). A runUntilComplete() stopped early throws Error. */
    void stop();
    /*! \brief True while a Qt event loop, runForever() or runUntilComplete() runs on the loop's
     *  thread (loop.is_running). */
    bool isRunning() const;

    /*! \brief Calls \a fn whenever \a fd is readable, until removeReader() (loop.add_reader).
     *  A second call for the same fd replaces the callback. */
    void addReader(int fd, std::function<void()> fn);
    /*! \brief Stops watching \a fd for reading; false if it was not watched. */
    bool removeReader(int fd);
    /*! \brief Calls \a fn whenever \a fd is writable, until removeWriter() (loop.add_writer). */
    void addWriter(int fd, std::function<void()> fn);
    /*! \brief Stops watching \a fd for writing; false if it was not watched. */
    bool removeWriter(int fd);

    /*! \brief Calls \a fn in the loop, never in signal context, each time \a signo arrives
     *  (loop.add_signal_handler). Throws ValueError for a signal that cannot be caught, or one
     *  that another loop handles. */
    void addSignalHandler(int signo, std::function<void()> fn);
    /*! \brief Restores the disposition \a signo had before addSignalHandler(); false if none. */
    bool removeSignalHandler(int signo);

    /*! \brief Replaces the handler of exceptions nobody awaited (loop.set_exception_handler);
     *  an empty one restores the default, which logs on the "aproc.loop" category. */
    void setExceptionHandler(ExceptionHandler handler);
    /*! \brief The handler setExceptionHandler() set; empty for the default
     *  (loop.get_exception_handler). */
    ExceptionHandler exceptionHandler() const;
    /*! \brief Reports \a context to the exception handler (loop.call_exception_handler). */
    void callExceptionHandler(const ExceptionContext &context);
    /*! \brief Logs \a context as a warning on "aproc.loop" (loop.default_exception_handler). */
    void defaultExceptionHandler(const ExceptionContext &context);

    /*! \brief Debug mode (loop.set_debug): warns about callbacks slower than
     *  slowCallbackDuration(), 100 ms by default. */
    void setDebug(bool enabled);
    /*! \brief Whether debug mode is on (loop.get_debug). */
    bool debug() const;
    /*! \brief In debug mode, callbacks that run longer than \a duration are logged
     *  (loop.slow_callback_duration = duration). */
    void setSlowCallbackDuration(std::chrono::milliseconds duration);
    /*! \brief The threshold of setSlowCallbackDuration() (loop.slow_callback_duration). */
    std::chrono::milliseconds slowCallbackDuration() const;

    /*! \brief A new pending future of this loop (loop.create_future). */
    template<typename T = void> Future<T> createFuture();
    /*! \brief Schedules \a task to run as a task of its own (loop.create_task). */
    template<typename T> Task<T> createTask(Task<T> task);

    /*! \brief Wraps the read end of a pipe (loop.connect_read_pipe): gives the transport once
     *  \a protocol's connectionMade() has run. Takes \a protocol itself, not a factory, and
     *  gives only the transport. The transport owns \a fd from this call on: it makes it
     *  non-blocking and closes it after connectionLost(), on any error, and if the task is
     *  dropped unstarted. ValueError for a null protocol or an fd that is not a pipe, socket or
     *  character device. Cancelled before completion, it closes the transport. */
    Task<std::shared_ptr<ReadTransport>> connectReadPipe(std::shared_ptr<Protocol> protocol,
                                                         int fd);
    /*! \brief Wraps the write end of a pipe (loop.connect_write_pipe), as connectReadPipe().
     *  Writing to a pipe whose reader is gone fails with BrokenPipeError and never raises
     *  SIGPIPE: a SIG_DFL disposition is set to SIG_IGN (as QProcess does); a handler of the
     *  application's is left alone and SIGPIPE is blocked around the transport's writes. */
    Task<std::shared_ptr<WriteTransport>> connectWritePipe(std::shared_ptr<BaseProtocol> protocol,
                                                           int fd);

    /*! \brief Starts \a program with the protocol \a protocolFactory makes (loop.subprocess_exec);
     *  gives the transport and the protocol once connectionMade() was scheduled. All three streams
     *  are pipes unless \a options say otherwise. Defined in <aproc/process.h>. */
    template<typename Factory>
    Task<std::pair<std::shared_ptr<SubprocessTransport>, std::invoke_result_t<Factory &>>>
    subprocessExec(Factory protocolFactory, QString program, QStringList arguments,
                   std::optional<ProcessOptions> options = std::nullopt);
    /*! \brief subprocessExec() of `/bin/sh -c command` (loop.subprocess_shell). */
    template<typename Factory>
    Task<std::pair<std::shared_ptr<SubprocessTransport>, std::invoke_result_t<Factory &>>>
    subprocessShell(Factory protocolFactory, QString command,
                    std::optional<ProcessOptions> options = std::nullopt);

    /*! \brief Internal: runs the loop until \a core is done or stop() is called. */
    void runUntilDone(detail::FutureCore *core);
    /*! \brief Internal: queues \a fn keeping \a keepAlive referenced until it has run. */
    void schedule(detail::Callback &&fn, detail::FutureCore *keepAlive = nullptr);

protected:
    /*! \brief Internal: runs the callbacks that are due when the loop's own Qt events arrive. */
    bool event(QEvent *event) override;

private:
    explicit EventLoop(QObject *parent = nullptr);
    static qint64 nowNs();
    // The callback is taken by reference: each by-value hop would relocate it once more.
    Handle callSoonImpl(detail::Callback &&fn);
    Handle callAtNs(qint64 whenNs, detail::Callback &&fn);
    void callSoonThreadsafeImpl(detail::Callback &&fn);

    friend class Handle;
    friend class EventLoopPrivate;
    std::unique_ptr<EventLoopPrivate> d;
};

} // namespace aproc
