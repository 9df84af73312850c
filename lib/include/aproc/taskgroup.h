// SPDX-License-Identifier: MIT
#pragma once

#include <aproc/aproc_export.h>
#include <aproc/exceptiongroup.h>
#include <aproc/impl/awaitable.h>
#include <aproc/task.h>

#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <type_traits>
#include <utility>

namespace aproc {

class TaskGroup;
class TaskGroupPrivate;

namespace detail {
/*! \brief Internal: how taskGroup() makes and finishes its group. */
struct TaskGroupAccess
{
    static TaskGroup make();
    static Task<void> finish(TaskGroup &group, std::exception_ptr bodyError);
};
} // namespace detail

/*! \brief Tasks that live and die together (asyncio.TaskGroup).
 *
 *  Made by taskGroup(), which hands it to its body: the body starts tasks with createTask(),
 *  and taskGroup() finishes only when every one of them is done, so nothing of the group runs
 *  after it is left and a task may use what the body's caller owns. The first task that fails
 *  cancels the others, in the order they were created, and the body (which is then cancelled at its
 * current co_await); once all are done, taskGroup() throws an ExceptionGroup with every error that
 * is not a cancellation, in the order they happened. Cancelling the task that runs taskGroup()
 * cancels the tasks, waits for them and then propagates CancelledError. Belongs to the thread of
 * its loop. */
class APROC_EXPORT TaskGroup
{
public:
    TaskGroup(const TaskGroup &) = delete;
    TaskGroup &operator=(const TaskGroup &) = delete;
    ~TaskGroup();

    /*! \brief Schedules \a task as a task of its own in this group (TaskGroup.create_task).
     *  Keep a copy to await it or cancel it alone (copies share one coroutine):
     *  `Task<int> answer = compute(); group.createTask(answer);`. Throws InvalidStateError once
     *  the group is finished or shutting down after a failure, and for a task that already
     *  started; a coroutine refused that way is cancelled, so that it never runs. */
    template<typename T> void createTask(Task<T> task)
    {
        admit(task.core());
        task.promise()->schedule(); // createTask()
        adopt(task.core());
    }

    /*! \brief How many of the group's tasks are not done yet. */
    qsizetype size() const;
    /*! \brief True once a failure or a cancellation made the group cancel its tasks. */
    bool isAborting() const;

private:
    friend struct detail::TaskGroupAccess;
    TaskGroup();
    Task<void> finish(std::exception_ptr bodyError);
    void admit(detail::FutureCore *task);
    void adopt(detail::FutureCore *task);

    std::shared_ptr<TaskGroupPrivate> d;
};

/*! \brief Runs \a body with a new TaskGroup and waits for every task it started (`async with
 *  asyncio.TaskGroup() as group:`); gives what the body's task gives.
 *
 *  \a body is a callable taking `TaskGroup &` and returning a Task, kept alive until the end:
 *  \code
 *  co_await aproc::taskGroup([&](aproc::TaskGroup &group) -> aproc::Task<void> {
 *      for (const QString &host : hosts)
 *          group.createTask(ping(host));
 *      co_return;
 *  });
 *  \endcode
 *  Throws ExceptionGroup when tasks (or the body) failed, CancelledError when the awaiting task
 *  was cancelled, InvalidStateError when not awaited inside a task. */
template<typename Body>
auto taskGroup(Body body) -> Task<detail::AwaitResult<std::invoke_result_t<Body &, TaskGroup &>>>
{
    using R = detail::AwaitResult<std::invoke_result_t<Body &, TaskGroup &>>;
    TaskGroup group = detail::TaskGroupAccess::make();
    std::exception_ptr error;
    if constexpr (std::is_void_v<R>) {
        try {
            co_await body(group);
        } catch (...) {
            error = std::current_exception();
        }
        co_await detail::TaskGroupAccess::finish(group, error);
    } else {
        std::optional<R> value;
        try {
            R result = co_await body(group);
            value.emplace(std::move(result));
        } catch (...) {
            error = std::current_exception();
        }
        co_await detail::TaskGroupAccess::finish(group, error);
        co_return std::move(*value);
    }
}

inline TaskGroup detail::TaskGroupAccess::make()
{
    return TaskGroup();
}

inline Task<void> detail::TaskGroupAccess::finish(TaskGroup &group, std::exception_ptr bodyError)
{
    return group.finish(std::move(bodyError));
}

} // namespace aproc
