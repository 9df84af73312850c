// SPDX-License-Identifier: MIT
#include "process/process_p.h"

#include <aproc/errors.h>
#include <aproc/gather.h>
#include <aproc/waitfor.h>

#include <csignal>

namespace aproc {

// ---- ProcessPrivate ---------------------------------------------------------------------------

ProcessPrivate::~ProcessPrivate()
{
    // A start() still creating the transport must not finish into a dead Process: cancelled, it
    // kills and reaps the child it may have spawned (CONFORMANCE D3) and touches nothing here.
    if (startTask && !startTask->done())
        startTask->cancel();
    if (protocol)
        protocol->detach();
    if (transport) {
        transport->detachProtocol();
        transport->close(); // D4: a running child is killed; the watcher still reaps it
    }
}

Task<void> ProcessPrivate::start(QString program, QStringList arguments, ProcessOptions options)
{
    if (options.limit <= 0)
        throw ValueError(QCoreApplication::translate("aproc", "limit must be positive, not %1")
                                 .arg(options.limit));
    limit = options.limit;
    streams = options.streams;
    stopOnCancel = options.stopOnCancel;
    protocol = std::make_shared<ProcessProtocol>(this);
    transport = co_await detail::SubprocessTransportImpl::create(
            loop, protocol, std::move(program), std::move(arguments), std::move(options));
}

void ProcessPrivate::releaseSignalsSoon()
{
    loop->callSoon([this, alive = QPointer<Process>(q)] {
        if (!alive)
            return;
        loop->callSoon([this, alive] {
            if (!alive)
                return;
            released = true;
            for (std::function<void()> &emission : std::exchange(heldSignals, {}))
                emission();
        });
    });
}

void ProcessPrivate::emitLater(std::function<void()> emission)
{
    if (released)
        emission();
    else
        heldSignals.push_back(std::move(emission));
}

Task<int> ProcessPrivate::stop(std::chrono::milliseconds grace, bool wholeGroup)
{
    if (transport->containment() != ContainmentMeans::None)
        co_return co_await stopTree(grace);
    if (const auto returncode = transport->getReturncode())
        co_return *returncode;
    transport->signalChild(SIGTERM, wholeGroup);
    bool timedOut = false;
    try {
        co_return co_await waitFor(transport->wait(), grace);
    } catch (const TimeoutError &) {
        timedOut = true;
    }
    Q_ASSERT(timedOut);
    transport->signalChild(SIGKILL, wholeGroup);
    co_return co_await transport->wait();
}

Task<int> ProcessPrivate::stopTree(std::chrono::milliseconds grace)
{
    transport->signalChild(SIGTERM, true); // the contained tree: every process in it
    bool timedOut = false;
    try {
        co_await waitFor(waitForTree(), grace);
    } catch (const TimeoutError &) {
        timedOut = true;
    }
    if (timedOut) {
        transport->killTree();
        co_await waitForTree();
    }
    co_return *transport->getReturncode();
}

Task<int> ProcessPrivate::waitForTree()
{
    const int returncode = co_await transport->wait();
    co_await transport->waitTreeEmpty();
    co_return returncode;
}

template<typename T> Task<T> ProcessPrivate::stoppingOnCancel(Task<T> body)
{
    std::exception_ptr cancelled;
    try {
        co_return co_await body;
    } catch (const CancelledError &) {
        if (!stopOnCancel)
            throw;
        cancelled = std::current_exception();
    }
    co_await stopAfterCancel(); // a co_await may not stand in a handler
    std::rethrow_exception(cancelled);
}

Task<void> ProcessPrivate::stopAfterCancel()
{
    const StopOnCancel policy = *stopOnCancel;
    try {
        co_await stop(policy.grace, policy.wholeGroup);
    } catch (const CancelledError &) {
        transport->signalChild(SIGKILL, policy.wholeGroup); // cancelled again: no more grace
    }
}

Task<void> ProcessPrivate::feedStdin(std::optional<QByteArray> input)
{
    StreamWriter *writer = standardInput.get();
    struct CloseOnExit // also when cancelled: CW-10 leaves stdin closed
    {
        StreamWriter *writer;
        ~CloseOnExit() { writer->close(); }
    } closeOnExit{writer};
    if (input)
        writer->write(*input);
    try {
        co_await writer->drain();
    } catch (const BrokenPipeError &) {
    } catch (const ConnectionResetError &) { }
}

Task<Communicated> ProcessPrivate::communicate(std::optional<QByteArray> input)
{
    auto feed = [](ProcessPrivate *d, std::optional<QByteArray> input) -> Task<void> {
        if (d->standardInput) // D2: stdin is closed even without input
            co_await d->feedStdin(std::move(input));
    };
    auto [fed, out, err] = co_await gather(feed(this, std::move(input)), readAll(1), readAll(2));
    Q_UNUSED(fed);
    co_await transport->wait();
    // Set once the exit drain's grace expired, before the readers got their EOF from it.
    co_return Communicated{std::move(out), std::move(err), transport->outputHolders()};
}

Task<std::optional<QByteArray>> ProcessPrivate::readAll(int fd)
{
    StreamReader *reader = fd == 1 ? standardOutput.get() : standardError.get();
    if (!reader)
        co_return std::nullopt;
    QByteArray output = co_await reader->read();
    if (BaseTransport *pipe = transport->getPipeTransport(fd))
        pipe->close();
    co_return output;
}

// ---- Process ----------------------------------------------------------------------------------

Process::Process(QObject *parent) : QObject(parent), d(std::make_unique<ProcessPrivate>(this)) { }

Process::~Process() = default;

void Process::start(const QString &program, const QStringList &arguments,
                    const ProcessOptions &options)
{
    if (d->transport || d->startTask)
        throw InvalidStateError(QCoreApplication::translate(
                "aproc", "Process::start(): the process was already started"));
    auto run = [](ProcessPrivate *d, QPointer<Process> alive, QString program,
                  QStringList arguments, ProcessOptions options) -> Task<void> {
        std::exception_ptr error;
        try {
            co_await d->start(program, arguments, options);
        } catch (...) {
            error = std::current_exception();
        }
        if (!alive)
            co_return;
        d->releaseSignalsSoon();
        if (error) {
            QString message;
            try {
                std::rethrow_exception(error);
            } catch (const std::exception &e) {
                message = QString::fromUtf8(e.what());
            }
            d->emitLater([d, message] { Q_EMIT d->q->errorOccurred(message); });
        }
    };
    d->startTask = createTask(run(d.get(), this, program, arguments, options));
}

void Process::startShell(const QString &command, const ProcessOptions &options)
{
    start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), command}, options);
}

qint64 Process::pid() const
{
    return d->transport ? d->transport->getPid() : 0;
}

std::optional<int> Process::returncode() const
{
    return d->transport ? d->transport->getReturncode() : std::nullopt;
}

StreamWriter *Process::standardInput() const
{
    return d->standardInput.get();
}

StreamReader *Process::standardOutput() const
{
    return d->standardOutput.get();
}

StreamReader *Process::standardError() const
{
    return d->standardError.get();
}

SubprocessTransport *Process::transport() const
{
    return d->transport.get();
}

Task<int> Process::wait()
{
    if (!d->transport)
        throw InvalidStateError(QCoreApplication::translate(
                "aproc", "Process::wait(): the process has not started"));
    co_return co_await d->stoppingOnCancel(d->transport->wait());
}

Task<Communicated> Process::communicate(std::optional<QByteArray> input)
{
    if (!d->transport)
        throw InvalidStateError(QCoreApplication::translate(
                "aproc", "Process::communicate(): the process has not started"));
    if (input && !d->standardInput)
        throw ValueError(QCoreApplication::translate(
                "aproc", "communicate(): input was given but the process's stdin is not a pipe"));
    co_return co_await d->stoppingOnCancel(d->communicate(std::move(input)));
}

void Process::sendSignal(int signo)
{
    if (d->transport)
        d->transport->signalChild(signo, false);
}

void Process::terminate()
{
    sendSignal(SIGTERM);
}

void Process::kill()
{
    sendSignal(SIGKILL);
    if (d->transport)
        d->transport->killTree();
}

void Process::sendSignalToGroup(int signo)
{
    if (d->transport)
        d->transport->signalChild(signo, true);
}

void Process::setWindowSize(int rows, int columns)
{
    if (d->transport)
        d->transport->setWindowSize(rows, columns);
}

Task<int> Process::stop(std::chrono::milliseconds grace)
{
    if (!d->transport)
        throw InvalidStateError(QCoreApplication::translate(
                "aproc", "Process::stop(): the process has not started"));
    co_return co_await d->stop(grace, false);
}

Task<int> Process::waitForTree()
{
    if (!d->transport)
        throw InvalidStateError(QCoreApplication::translate(
                "aproc", "Process::waitForTree(): the process has not started"));
    co_return co_await d->stoppingOnCancel(d->waitForTree());
}

ContainmentMeans Process::containment() const
{
    return d->transport ? d->transport->containment() : ContainmentMeans::None;
}

QList<qint64> Process::descendants() const
{
    return d->transport ? d->transport->descendants() : QList<qint64>();
}

TreeUsage Process::treeUsage() const
{
    return d->transport ? d->transport->treeUsage() : TreeUsage();
}

std::optional<ResourceUsage> Process::resourceUsage() const
{
    return d->transport ? d->transport->resourceUsage() : std::nullopt;
}

// ---- creating ---------------------------------------------------------------------------------

// A coroutine keeps its parameters in its frame: by value, since it starts later.
Task<std::unique_ptr<Process>> ProcessPrivate::create(QString program, QStringList arguments,
                                                      ProcessOptions options)
{
    auto process = std::make_unique<Process>();
    co_await process->d->start(std::move(program), std::move(arguments), std::move(options));
    process->d->releaseSignalsSoon();
    co_return process;
}

Task<std::unique_ptr<Process>>
createSubprocessExec(const QString &program, const QStringList &arguments, ProcessOptions options)
{
    return ProcessPrivate::create(program, arguments, std::move(options));
}

Task<std::unique_ptr<Process>> createSubprocessExec(QStringList argv, ProcessOptions options)
{
    if (argv.isEmpty()) {
        throw ValueError(QCoreApplication::translate(
                "aproc", "createSubprocessExec(): the command is empty (argv[0] is the program)"));
    }
    const QString program = argv.takeFirst();
    co_return co_await ProcessPrivate::create(program, std::move(argv), std::move(options));
}

Task<std::unique_ptr<Process>> createSubprocessShell(const QString &command, ProcessOptions options)
{
    return ProcessPrivate::create(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), command},
                                  std::move(options));
}

} // namespace aproc

namespace aproc::detail {

// loop.subprocess_exec(): the transport, without the Process on top.
Task<std::shared_ptr<SubprocessTransport>>
subprocessExec(EventLoop *loop, std::shared_ptr<SubprocessProtocol> protocol, QString program,
               QStringList arguments, ProcessOptions options)
{
    co_return co_await SubprocessTransportImpl::create(loop, std::move(protocol),
                                                       std::move(program), std::move(arguments),
                                                       std::move(options));
}

} // namespace aproc::detail
