// SPDX-License-Identifier: MIT
// asyncio.Timeout (Python 3.11's timeouts.py): the states, the cancel at the deadline, and the
// CancelledError that becomes TimeoutError only when the scope's own cancel is the last one.
#include <aproc/errors.h>
#include <aproc/eventloop.h>
#include <aproc/timeout.h>

#include <QtCore/QCoreApplication>

namespace aproc {

class TimeoutPrivate
{
public:
    enum class State { Created, Entered, Expiring, Expired, Exited };

    void schedule();

    EventLoop *loop = EventLoop::current();
    std::optional<double> when;
    State state = State::Created;
    detail::TaskCore *task = nullptr;
    int cancellingAtEntry = 0;
    std::optional<Handle> timer;
};

void TimeoutPrivate::schedule()
{
    if (timer)
        timer->cancel();
    timer.reset();
    if (!when)
        return;
    auto expire = [this] {
        timer.reset();
        state = State::Expiring;
        task->cancel();
    };
    // A deadline already past cancels at the next iteration, as asyncio's call_soon does.
    timer = *when <= loop->time() ? loop->callSoon(expire) : loop->callAt(*when, expire);
}

Timeout::Timeout(std::optional<double> when) : d(std::make_shared<TimeoutPrivate>())
{
    d->when = when;
}

Timeout::~Timeout()
{
    if (d->timer)
        d->timer->cancel();
}

std::optional<double> Timeout::when() const
{
    return d->when;
}

void Timeout::reschedule(std::optional<double> when)
{
    if (d->state != TimeoutPrivate::State::Entered) {
        throw InvalidStateError(QCoreApplication::translate(
                "aproc", "Timeout::reschedule(): the scope is not running, or already expired"));
    }
    d->when = when;
    d->schedule();
}

bool Timeout::expired() const
{
    return d->state == TimeoutPrivate::State::Expiring
           || d->state == TimeoutPrivate::State::Expired;
}

void Timeout::enter()
{
    if (d->state != TimeoutPrivate::State::Created) {
        throw InvalidStateError(
                QCoreApplication::translate("aproc", "Timeout::run(): the scope was used already"));
    }
    d->task = detail::TaskCore::current();
    if (!d->task) {
        throw InvalidStateError(QCoreApplication::translate(
                "aproc", "timeout() must be awaited inside a task (it has no task to cancel)"));
    }
    d->state = TimeoutPrivate::State::Entered;
    d->cancellingAtEntry = d->task->cancelling();
    d->schedule();
}

void Timeout::leave(std::exception_ptr error)
{
    if (d->timer)
        d->timer->cancel();
    d->timer.reset();
    if (d->state == TimeoutPrivate::State::Expiring) {
        d->state = TimeoutPrivate::State::Expired;
        bool cancelled = false;
        try {
            if (error)
                std::rethrow_exception(error);
        } catch (const CancelledError &) {
            cancelled = true;
        } catch (...) { }
        // Only when no other cancel request is pending is the CancelledError the scope's own.
        if (d->task->uncancel() <= d->cancellingAtEntry && cancelled) {
            throw TimeoutError(QCoreApplication::translate(
                    "aproc", "timeout(): the deadline passed before the block finished"));
        }
    } else if (d->state == TimeoutPrivate::State::Entered) {
        d->state = TimeoutPrivate::State::Exited;
    }
    if (error)
        std::rethrow_exception(error);
}

namespace detail {

double timeoutDeadline(std::chrono::nanoseconds delay)
{
    if (delay < std::chrono::nanoseconds::zero()) {
        throw ValueError(
                QCoreApplication::translate("aproc", "timeout(): the delay is negative: %1 s")
                        .arg(std::chrono::duration<double>(delay).count()));
    }
    return EventLoop::current()->time() + std::chrono::duration<double>(delay).count();
}

} // namespace detail

} // namespace aproc
