// SPDX-License-Identifier: MIT
// asyncio.TaskGroup (Python 3.11's taskgroups.py), callback for callback: the tasks, their
// errors, the cancellation of the parent task on the first failure, and __aexit__'s wait.
#include <aproc/errors.h>
#include <aproc/eventloop.h>
#include <aproc/future.h>
#include <aproc/taskgroup.h>

#include <QtCore/QCoreApplication>

#include <vector>

namespace aproc {

namespace {

/*! A group's running tasks in creation order, linked through TaskCore::groupLinks(); each
 *  holds a reference to its task. Appending and removing one costs O(1) and allocates nothing
 *  (a vector made N tasks cost O(N^2), a map a node and O(log n) each). */
class GroupTasks
{
public:
    GroupTasks() = default;
    GroupTasks(const GroupTasks &) = delete;
    GroupTasks &operator=(const GroupTasks &) = delete;
    ~GroupTasks()
    {
        while (m_head)
            erase(m_head);
    }

    void append(detail::TaskCore *task) noexcept
    {
        task->ref();
        detail::TaskCore::TaskLinks &links = task->groupLinks();
        links.previous = m_tail;
        links.next = nullptr;
        if (m_tail)
            m_tail->groupLinks().next = task;
        else
            m_head = task;
        m_tail = task;
        ++m_size;
    }
    /*! Removes \a task if it is in the list; false if it was not. */
    bool erase(detail::TaskCore *task) noexcept
    {
        detail::TaskCore::TaskLinks &links = task->groupLinks();
        if (!links.previous && m_head != task)
            return false;
        (links.previous ? links.previous->groupLinks().next : m_head) = links.next;
        (links.next ? links.next->groupLinks().previous : m_tail) = links.previous;
        links = {};
        --m_size;
        task->deref(); // may destroy the frame
        return true;
    }
    bool empty() const noexcept { return m_head == nullptr; }
    size_t size() const noexcept { return m_size; }
    /*! The tasks, oldest first, each referenced: cancel() may end and remove them meanwhile. */
    std::vector<detail::CoreRef> snapshot() const
    {
        std::vector<detail::CoreRef> copy;
        copy.reserve(m_size);
        for (detail::TaskCore *task = m_head; task; task = task->groupLinks().next)
            copy.emplace_back(task);
        return copy;
    }

private:
    detail::TaskCore *m_head = nullptr;
    detail::TaskCore *m_tail = nullptr;
    size_t m_size = 0;
};

} // namespace

class TaskGroupPrivate
{
public:
    void onTaskDone(detail::TaskCore *task);
    void abort();

    EventLoop *loop = EventLoop::current();
    detail::TaskCore *parent = nullptr; // null once the group is gone
    GroupTasks tasks; // not done yet, by creation order
    std::vector<std::exception_ptr> errors;
    std::optional<Future<void>> allDone; // finish() waits on it
    bool exiting = false;
    bool aborting = false;
    bool parentCancelRequested = false;
};

void TaskGroupPrivate::abort()
{
    aborting = true;
    for (const detail::CoreRef &task : tasks.snapshot()) { // cancel() may change the list
        if (!task->done())
            task->cancel();
    }
}

void TaskGroupPrivate::onTaskDone(detail::TaskCore *task)
{
    const detail::CoreRef keep(task);
    tasks.erase(task);
    if (allDone && tasks.empty() && !allDone->done())
        allDone->setResult();
    if (task->cancelled())
        return;
    std::exception_ptr error = task->exception(); // marks it retrieved: the group reports it
    if (!error)
        return;
    errors.push_back(error);
    if (!parent || parent->done()) {
        loop->callExceptionHandler({QStringLiteral("A task of a TaskGroup failed after the group "
                                                   "was left"),
                                    error});
        return;
    }
    if (!aborting && !parentCancelRequested) {
        // The body may be awaiting something unrelated: cancel it, and say in finish() that the
        // cancellation was the group's own (parent->uncancel()).
        abort();
        parentCancelRequested = true;
        parent->cancel();
    }
}

TaskGroup::TaskGroup() : d(std::make_shared<TaskGroupPrivate>())
{
    d->parent = detail::TaskCore::current();
    if (!d->parent)
        throw InvalidStateError(QCoreApplication::translate(
                "aproc", "taskGroup() must be awaited inside a task (it has no parent task)"));
}

TaskGroup::~TaskGroup()
{
    // finish() waited for every task; this only matters when the frame holding the group is
    // destroyed without running to its end (its loop went away): no callback may use it.
    d->parent = nullptr;
    if (!d->tasks.empty())
        d->abort();
}

qsizetype TaskGroup::size() const
{
    return qsizetype(d->tasks.size());
}

bool TaskGroup::isAborting() const
{
    return d->aborting;
}

void TaskGroup::admit(detail::FutureCore *task)
{
    QString refusal;
    if (d->exiting && d->tasks.empty())
        refusal = QCoreApplication::translate("aproc", "TaskGroup::createTask(): the group is "
                                                       "finished");
    else if (d->aborting)
        refusal = QCoreApplication::translate("aproc", "TaskGroup::createTask(): the group is "
                                                       "shutting down");
    else if (static_cast<detail::TaskCore *>(task)->started())
        refusal = QCoreApplication::translate("aproc", "TaskGroup::createTask(): the task "
                                                       "already started");
    if (refusal.isEmpty())
        return;
    if (!static_cast<detail::TaskCore *>(task)->started())
        task->cancel(); // a coroutine given to a finished group never runs (asyncio closes it)
    throw InvalidStateError(refusal);
}

void TaskGroup::adopt(detail::FutureCore *task)
{
    auto *taskCore = static_cast<detail::TaskCore *>(task);
    d->tasks.append(taskCore);
    task->addDoneCallback([state = d, taskCore] { state->onTaskDone(taskCore); });
}

Task<void> TaskGroup::finish(std::exception_ptr bodyError)
{
    const std::shared_ptr<TaskGroupPrivate> d = this->d;
    d->exiting = true;
    bool bodyCancelled = false;
    if (bodyError) {
        try {
            std::rethrow_exception(bodyError);
        } catch (const CancelledError &) {
            bodyCancelled = true;
        } catch (...) { }
    }
    std::exception_ptr cancellation = bodyCancelled ? bodyError : nullptr;
    // The group's own cancel of the parent is taken back; what remains was asked by others.
    if (d->parentCancelRequested && d->parent->uncancel() == 0)
        cancellation = nullptr;
    if (bodyError && !d->aborting)
        d->abort();
    while (!d->tasks.empty()) {
        d->allDone.emplace(d->loop);
        try {
            co_await *d->allDone;
        } catch (const CancelledError &) {
            // The task running the group is cancelled while the tasks still run: cancel them,
            // wait for them all the same, then propagate.
            if (!d->aborting) {
                cancellation = std::current_exception();
                d->abort();
            }
        }
        d->allDone.reset();
    }
    if (cancellation && d->errors.empty())
        std::rethrow_exception(cancellation);
    if (bodyError && !bodyCancelled)
        d->errors.push_back(bodyError);
    if (!d->errors.empty()) {
        throw ExceptionGroup(
                QCoreApplication::translate("aproc", "unhandled errors in a TaskGroup"),
                std::exchange(d->errors, {}));
    }
}

} // namespace aproc
