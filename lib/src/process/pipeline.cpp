// SPDX-License-Identifier: MIT
// createPipeline() and Pipeline: the shell's `a | b | c` over createSubprocessExec(), with the
// pipes between the stages made here and handed to the children as Stdio::fd().
#include <aproc/errors.h>
#include <aproc/pipeline.h>
#include <aproc/streamreader.h>
#include <aproc/streamwriter.h>
#include <aproc/taskgroup.h>

#include "unix/fd_p.h"

#include <QtCore/QCoreApplication>

#include <csignal>

namespace aproc {

namespace {

bool isPty(const Stdio &mode)
{
    return mode.kind() == Stdio::Kind::Pty;
}

void validate(const QList<QStringList> &stages, const ProcessOptions &options)
{
    if (stages.isEmpty())
        throw ValueError(
                QCoreApplication::translate("aproc", "createPipeline(): there are no stages"));
    for (qsizetype i = 0; i < stages.size(); ++i) {
        if (stages[i].isEmpty() || stages[i].first().isEmpty()) {
            throw ValueError(QCoreApplication::translate(
                                     "aproc", "createPipeline(): stage %1 has no program")
                                     .arg(i));
        }
    }
    if (isPty(options.stdinMode) || isPty(options.stdoutMode) || isPty(options.stderrMode)) {
        throw ValueError(QCoreApplication::translate(
                "aproc", "createPipeline(): a pipeline's streams cannot be a Stdio::pty()"));
    }
}

// Stage \a index's options: the pipeline's stdin for the first, its stdout for the last, the
// pipes between them for the others.
ProcessOptions stageOptions(const ProcessOptions &options, qsizetype index, qsizetype count,
                            int input, int output)
{
    ProcessOptions stage = options;
    if (index > 0)
        stage.stdinMode = Stdio::fd(input);
    if (index < count - 1)
        stage.stdoutMode = Stdio::fd(output);
    return stage;
}

// Kills and reaps the stages that started, after a later one could not.
Task<void> killStarted(std::vector<std::unique_ptr<Process>> &stages)
{
    for (const std::unique_ptr<Process> &stage : stages) {
        stage->kill();
        co_await stage->wait();
    }
}

template<typename T> Task<void> into(T *slot, Task<T> work)
{
    *slot = co_await work;
}

// \a work(stage) for every stage at once, in a task group: cancelled, it gives CancelledError
// only once every stage's work has finished (gather() would give it at the first).
template<typename T, typename Work>
Task<std::vector<T>> eachStage(const std::vector<std::unique_ptr<Process>> &stages, Work work)
{
    std::vector<T> results(stages.size());
    auto body = [&stages, &results, &work](TaskGroup &group) -> Task<void> {
        for (size_t i = 0; i < stages.size(); ++i)
            group.createTask(into(&results[i], work(stages[i].get())));
        co_return;
    };
    co_await taskGroup(body);
    co_return results;
}

PipelineStatus statusOf(const std::vector<int> &returncodes)
{
    PipelineStatus status;
    for (const int returncode : returncodes)
        status.returncodes.append(returncode);
    return status;
}

} // namespace

Pipeline::Pipeline(std::vector<std::unique_ptr<Process>> stages) : m_stages(std::move(stages))
{
    Q_ASSERT(!m_stages.empty());
}

Pipeline::~Pipeline() = default;

qsizetype Pipeline::size() const
{
    return qsizetype(m_stages.size());
}

Process *Pipeline::stage(qsizetype index) const
{
    Q_ASSERT(index >= 0 && index < size());
    return m_stages[size_t(index)].get();
}

StreamWriter *Pipeline::standardInput() const
{
    return m_stages.front()->standardInput();
}

StreamReader *Pipeline::standardOutput() const
{
    return m_stages.back()->standardOutput();
}

Task<PipelineStatus> Pipeline::wait()
{
    auto wait = [](Process *stage) { return stage->wait(); };
    const std::vector<int> returncodes = co_await eachStage<int>(m_stages, wait);
    co_return statusOf(returncodes);
}

Task<PipelineOutput> Pipeline::communicate(std::optional<QByteArray> input)
{
    if (input && !standardInput()) {
        throw ValueError(QCoreApplication::translate(
                "aproc", "Pipeline::communicate(): input was given but the first stage's stdin "
                         "is not a pipe"));
    }
    Process *first = m_stages.front().get();
    auto communicate = [first, &input](Process *stage) {
        return stage->communicate(stage == first ? input : std::nullopt);
    };
    const std::vector<Communicated> outputs
            = co_await eachStage<Communicated>(m_stages, communicate);
    PipelineOutput result;
    result.out = outputs.back().out;
    std::vector<int> returncodes;
    for (size_t i = 0; i < outputs.size(); ++i) {
        result.err.append(outputs[i].err);
        returncodes.push_back(*m_stages[i]->returncode());
    }
    result.status = statusOf(returncodes);
    co_return result;
}

void Pipeline::sendSignal(int signo)
{
    for (const std::unique_ptr<Process> &stage : m_stages)
        stage->sendSignal(signo);
}

Task<PipelineStatus> Pipeline::stop(std::chrono::milliseconds grace)
{
    auto stop = [grace](Process *stage) { return stage->stop(grace); };
    const std::vector<int> returncodes = co_await eachStage<int>(m_stages, stop);
    co_return statusOf(returncodes);
}

Task<std::unique_ptr<Pipeline>> createPipeline(QList<QStringList> stages, ProcessOptions options)
{
    validate(stages, options);
    const qsizetype count = stages.size();
    std::vector<std::unique_ptr<Process>> started;
    std::exception_ptr failure;
    detail::UniqueFd input; // the read end of the pipe from the stage before
    try {
        for (qsizetype i = 0; i < count; ++i) {
            detail::Pipe pipe;
            if (i < count - 1)
                pipe = detail::makePipe(); // close-on-exec: only stage i and i + 1 get an end
            QStringList argv = stages[i];
            const QString program = argv.takeFirst();
            auto stage = co_await createSubprocessExec(
                    program, argv,
                    stageOptions(options, i, count, input.get(), pipe.writeEnd.get()));
            started.push_back(std::move(stage));
            input = std::move(pipe.readEnd); // the stage's stdout end closes here
        }
    } catch (const CancelledError &) {
        throw; // the stages started are killed and reaped in the background as they go
    } catch (...) {
        failure = std::current_exception();
    }
    if (failure) {
        input.reset();
        co_await killStarted(started);
        std::rethrow_exception(failure);
    }
    co_return std::make_unique<Pipeline>(std::move(started));
}

} // namespace aproc
