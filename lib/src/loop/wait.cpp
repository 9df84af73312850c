// SPDX-License-Identifier: MIT
// asyncio.wait and asyncio.as_completed (Python 3.11's tasks.py: _wait, as_completed), on the
// futures' cores: the done callbacks, the timer, the queue of finished ones.
#include <aproc/errors.h>
#include <aproc/eventloop.h>
#include <aproc/future.h>
#include <aproc/queues.h>
#include <aproc/wait.h>

#include <QtCore/QCoreApplication>

namespace aproc::detail {

namespace {

/*! What the done callbacks of one wait() share with it (asyncio's _on_completion closure). */
struct WaitCompletion
{
    WaitCompletion(EventLoop *loop, std::size_t count, ReturnWhen when)
        : waiter(loop), remaining(count), returnWhen(when)
    { }

    void onDone(FutureCore *core)
    {
        --remaining;
        const bool failed = returnWhen == ReturnWhen::FirstException && !core->cancelled()
                            && core->exception(); // marks the exception retrieved, as asyncio does
        if (remaining > 0 && returnWhen != ReturnWhen::FirstCompleted && !failed)
            return;
        timer.cancel();
        release();
    }
    void release()
    {
        if (!waiter.done())
            waiter.setResult();
    }

    Future<void> waiter;
    std::size_t remaining;
    ReturnWhen returnWhen;
    Handle timer;
};

void checkReturnWhen(ReturnWhen returnWhen)
{
    switch (returnWhen) {
    case ReturnWhen::FirstCompleted:
    case ReturnWhen::FirstException:
    case ReturnWhen::AllCompleted:
        return;
    }
    throw ValueError(QCoreApplication::translate("aproc", "wait(): invalid ReturnWhen value %1")
                             .arg(int(returnWhen)));
}

double seconds(std::chrono::nanoseconds duration)
{
    return std::chrono::duration<double>(duration).count();
}

} // namespace

Task<void> waitForCores(std::vector<CoreRef> cores, ReturnWhen returnWhen,
                        std::optional<std::chrono::nanoseconds> timeout)
{
    if (cores.empty())
        throw ValueError(QCoreApplication::translate(
                "aproc", "wait(): the list of tasks and futures is empty"));
    checkReturnWhen(returnWhen);
    EventLoop *loop = cores.front()->loop();
    auto completion = std::make_shared<WaitCompletion>(loop, cores.size(), returnWhen);
    if (timeout)
        completion->timer = loop->callLater(*timeout, [completion] { completion->release(); });
    std::vector<FutureCore::CallbackId> ids;
    ids.reserve(cores.size());
    for (const CoreRef &core : cores) {
        FutureCore *watched = core.get();
        ids.push_back(
                watched->addDoneCallback([completion, watched] { completion->onDone(watched); }));
    }
    std::exception_ptr error;
    try {
        co_await completion->waiter;
    } catch (...) {
        error = std::current_exception(); // the awaiting task was cancelled
    }
    completion->timer.cancel();
    for (std::size_t i = 0; i < cores.size(); ++i)
        cores[i]->removeDoneCallback(ids[i]);
    if (error)
        std::rethrow_exception(error);
}

/*! asyncio's as_completed() closure: the ones not finished yet, and a queue that gets the index
 *  of each one as it finishes, or a timeout marker for each one left when the timeout passed. */
class AsCompletedState : public std::enable_shared_from_this<AsCompletedState>
{
public:
    static constexpr std::size_t TimedOut = std::size_t(-1);

    AsCompletedState(std::vector<CoreRef> cores, std::optional<std::chrono::nanoseconds> timeout)
        : m_cores(std::move(cores)), m_ids(m_cores.size()),
          m_timeout(timeout.value_or(std::chrono::nanoseconds::zero()))
    { }
    ~AsCompletedState()
    {
        m_timer.cancel();
        removeCallbacks();
    }

    void start(bool withTimeout)
    {
        const std::weak_ptr<AsCompletedState> self = weak_from_this();
        for (std::size_t i = 0; i < m_cores.size(); ++i) {
            m_ids[i] = m_cores[i]->addDoneCallback([self, i] {
                if (const auto state = self.lock())
                    state->onDone(i);
            });
        }
        m_todo = m_cores.size();
        if (m_todo == 0 || !withTimeout)
            return;
        m_timer = m_cores.front()->loop()->callLater(m_timeout, [self] {
            if (const auto state = self.lock())
                state->onTimeout();
        });
    }

    Task<std::size_t> next()
    {
        const std::size_t index = co_await m_finished.get();
        if (index == TimedOut)
            throw TimeoutError(
                    QCoreApplication::translate("aproc", "asCompleted(): timed out after %1 s")
                            .arg(seconds(m_timeout)));
        co_return index;
    }

private:
    void onDone(std::size_t index)
    {
        if (m_todo == 0)
            return; // the timeout came first
        m_ids[index] = 0;
        m_finished.putNowait(index);
        if (--m_todo == 0)
            m_timer.cancel();
    }
    void onTimeout()
    {
        removeCallbacks();
        for (; m_todo > 0; --m_todo)
            m_finished.putNowait(TimedOut);
    }
    void removeCallbacks()
    {
        for (std::size_t i = 0; i < m_cores.size(); ++i) {
            if (m_ids[i] != 0)
                m_cores[i]->removeDoneCallback(std::exchange(m_ids[i], 0));
        }
    }

    std::vector<CoreRef> m_cores;
    std::vector<FutureCore::CallbackId> m_ids; // 0 once it ran or was removed
    std::chrono::nanoseconds m_timeout;
    Queue<std::size_t> m_finished;
    Handle m_timer;
    std::size_t m_todo = 0;
};

std::shared_ptr<AsCompletedState> startAsCompleted(std::vector<CoreRef> cores,
                                                   std::optional<std::chrono::nanoseconds> timeout)
{
    auto state = std::make_shared<AsCompletedState>(std::move(cores), timeout);
    state->start(timeout.has_value());
    return state;
}

Task<std::size_t> nextCompleted(std::shared_ptr<AsCompletedState> state)
{
    co_return co_await state->next(); // the parameter keeps the state alive meanwhile
}

void throwAsCompletedExhausted()
{
    throw InvalidStateError(QCoreApplication::translate(
            "aproc", "asCompleted(): next() was called more often than there are futures"));
}

} // namespace aproc::detail
