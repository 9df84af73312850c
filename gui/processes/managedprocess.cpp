// SPDX-License-Identifier: MIT
#include "processes/managedprocess.h"

#include "processes/childoptions.h"
#include "processes/signalnames.h"

#include <aproc/errors.h>
#include <aproc/process.h>
#include <aproc/task.h>

#include <QtCore/QElapsedTimer>
#include <QtCore/QPointer>
#include <QtCore/QSet>
#include <QtCore/QTimer>

#include <csignal>

using namespace std::chrono_literals;

namespace aproc::monitor {

namespace {
// A run longer than this starts a new row of restarts.
constexpr std::chrono::milliseconds stableRunTime = 10s;
// How long after the child's exit its output may take to close before the state says it is held.
constexpr std::chrono::milliseconds outputHeldAfter = 100ms;

// How a child ended, for the restart policy.
enum class EndKind { ByUser, Failure, Success };

bool isJobControl(int signo)
{
    return signo == SIGSTOP || signo == SIGTSTP || signo == SIGCONT || signo == SIGWINCH
           || signo == 0;
}

} // namespace

class ManagedProcessPrivate
{
public:
    explicit ManagedProcessPrivate(ManagedProcess *q) : q(q) { }

    void startChild();
    void connectChild();
    void onStarted(qint64 pid);
    void onExited();
    void onFinished(int returncode);
    void onFailed(const QString &message);
    void beginStop(std::chrono::milliseconds grace);
    void afterEnd(EndKind kind);
    void scheduleRestart(EndKind kind);
    void setState(ProcessState newState);
    void noteSignal(int signo);
    void applyOutputPaused();
    void stopRunClock();
    void discardChild();
    bool beginUserStop();

    ManagedProcess *q;
    inline static quint64 lastId = 0;
    const quint64 id = ++lastId;
    LaunchSpec spec;
    ProcessState state = ProcessState::Exited;
    Process *child = nullptr; // the current child's aproc::Process, owned by q
    qint64 pid = 0;
    std::optional<int> returncode;
    QString errorString;
    QDateTime startTime;
    QElapsedTimer runClock;
    std::chrono::milliseconds lastRunTime{0};
    int restartCount = 0;
    int restartsInRow = 0;
    bool stdinOpen = false;
    bool userStopped = false; // stop() or restart() during this run
    bool restartWhenEnded = false; // restart() is waiting for the end
    bool endedByUser = false;
    std::optional<std::chrono::milliseconds> stopWhenStarted;
    QSet<int> userSignals; // sent from the menu during this run
    std::optional<Task<int>> stopping; // Process::stop() of the current child, while it runs
    QPointer<Process> lastStopped; // a former child whose tree is still being stopped
    QTimer restartTimer; // the restart policy's backoff
    std::optional<std::pair<int, int>> terminalSize;
    bool outputPaused = false;
};

void ManagedProcessPrivate::setState(ProcessState newState)
{
    if (state == newState)
        return;
    state = newState;
    Q_EMIT q->stateChanged(state);
    Q_EMIT q->changed();
}

// The child's Process goes once its stop (which may outlast its output) is done.
void ManagedProcessPrivate::discardChild()
{
    if (!child)
        return;
    QObject::disconnect(child, nullptr, q, nullptr);
    if (stopping && !stopping->done()) {
        child->setParent(nullptr); // it may outlive q while the rest of its tree is stopped
        lastStopped = child;
        stopping->addDoneCallback([child = QPointer<Process>(child)] { delete child.data(); });
    } else {
        child->deleteLater();
    }
    child = nullptr;
    stopping.reset();
}

void ManagedProcessPrivate::startChild()
{
    discardChild();
    restartTimer.stop();
    pid = 0;
    returncode.reset();
    errorString.clear();
    userStopped = restartWhenEnded = endedByUser = false;
    stopWhenStarted.reset();
    userSignals.clear();
    setState(ProcessState::Starting);
    CommandInvocation invocation;
    try {
        invocation = LaunchSpecs::invocation(spec);
    } catch (const Error &error) {
        // Reported from a later loop iteration, as aproc::Process reports a failed spawn.
        QTimer::singleShot(0, q, [this, message = error.message()] { onFailed(message); });
        return;
    }
    child = new Process(q);
    connectChild();
    child->start(invocation.program, invocation.arguments, childOptions(spec));
}

void ManagedProcessPrivate::connectChild()
{
    QObject::connect(child, &Process::started, q, [this](qint64 childPid) { onStarted(childPid); });
    QObject::connect(child, &Process::outputReceived, q, &ManagedProcess::outputReceived);
    QObject::connect(child, &Process::pipeClosed, q, [this](int fd) {
        if (fd == 0 && stdinOpen) {
            stdinOpen = false;
            Q_EMIT q->changed();
        }
    });
    QObject::connect(child, &Process::exited, q, [this] { onExited(); });
    QObject::connect(child, &Process::finished, q, [this](int code) { onFinished(code); });
    QObject::connect(child, &Process::errorOccurred, q,
                     [this](const QString &message) { onFailed(message); });
}

void ManagedProcessPrivate::onStarted(qint64 childPid)
{
    pid = childPid;
    startTime = QDateTime::currentDateTime();
    runClock.start();
    stdinOpen = true;
    if (terminalSize && spec.pty)
        child->setWindowSize(terminalSize->first, terminalSize->second);
    if (outputPaused)
        applyOutputPaused();
    setState(ProcessState::Running);
    Q_EMIT q->started(pid);
    Q_EMIT q->changed();
    if (stopWhenStarted)
        beginStop(*std::exchange(stopWhenStarted, std::nullopt));
}

void ManagedProcessPrivate::stopRunClock()
{
    if (!runClock.isValid())
        return;
    lastRunTime = std::chrono::milliseconds(runClock.elapsed());
    runClock.invalidate();
}

// The child was reaped. Its run ends here; while descendants still hold its output open, the
// state says so until finished.
void ManagedProcessPrivate::onExited()
{
    stopRunClock();
    returncode = child->returncode();
    stdinOpen = false;
    // finished() follows at once when nothing holds the output: no state in between.
    QTimer::singleShot(outputHeldAfter, child, [this, exited = child] {
        if (child == exited && ProcessStates::isActive(state))
            setState(ProcessState::OutputHeld);
    });
    Q_EMIT q->changed();
}

void ManagedProcessPrivate::onFinished(int code)
{
    stopRunClock();
    discardChild();
    stdinOpen = false;
    returncode = code;
    const bool byUser = userStopped || (code < 0 && userSignals.contains(-code));
    endedByUser = byUser;
    setState(code >= 0 ? ProcessState::Exited : ProcessState::Killed);
    Q_EMIT q->ended(state, code);
    Q_EMIT q->changed();
    afterEnd(byUser ? EndKind::ByUser : code == 0 ? EndKind::Success : EndKind::Failure);
}

void ManagedProcessPrivate::onFailed(const QString &message)
{
    discardChild();
    lastRunTime = 0ms;
    runClock.invalidate();
    pid = 0;
    errorString = message;
    endedByUser = false;
    setState(ProcessState::FailedToStart);
    Q_EMIT q->failedToStart(message);
    Q_EMIT q->changed();
    afterEnd(userStopped ? EndKind::ByUser : EndKind::Failure);
}

void ManagedProcessPrivate::afterEnd(EndKind kind)
{
    if (std::exchange(restartWhenEnded, false)) {
        ++restartCount;
        restartsInRow = 0;
        startChild();
        return;
    }
    scheduleRestart(kind);
}

void ManagedProcessPrivate::scheduleRestart(EndKind kind)
{
    if (kind == EndKind::ByUser || spec.restartPolicy == RestartPolicy::Never)
        return;
    if (kind == EndKind::Success && spec.restartPolicy != RestartPolicy::Always)
        return;
    if (lastRunTime > stableRunTime)
        restartsInRow = 0;
    if (spec.maxRestarts > 0 && restartsInRow >= spec.maxRestarts)
        return;
    ++restartsInRow;
    const std::chrono::milliseconds delay = LaunchSpecs::backoff(spec, restartsInRow);
    restartTimer.start(delay);
    Q_EMIT q->restartScheduled(delay);
    Q_EMIT q->changed();
}

// Stop ends the child's whole contained tree (Process::stop()): SIGTERM to every process of
// it, SIGKILL to what is left after the grace, also when the child itself is gone and a
// descendant still holds its output open.
void ManagedProcessPrivate::beginStop(std::chrono::milliseconds grace)
{
    if (!child || pid == 0) {
        stopWhenStarted = grace; // still spawning: stop as soon as it runs
        return;
    }
    if (!stopping)
        stopping = createTask(child->stop(grace));
    if (state == ProcessState::Stopped) {
        child->sendSignalToGroup(SIGCONT); // a stopped process acts on SIGTERM once continued
        setState(ProcessState::Running);
    }
}

void ManagedProcessPrivate::noteSignal(int signo)
{
    if ((signo == SIGSTOP || signo == SIGTSTP) && state == ProcessState::Running)
        setState(ProcessState::Stopped);
    else if (signo == SIGCONT && state == ProcessState::Stopped)
        setState(ProcessState::Running);
    else if (!isJobControl(signo))
        userSignals.insert(signo);
}

// The common start of stop() and kill(): false when no child is left to stop.
bool ManagedProcessPrivate::beginUserStop()
{
    const bool wasPending = restartTimer.isActive();
    restartTimer.stop();
    restartWhenEnded = false;
    if (wasPending)
        Q_EMIT q->changed(); // the pending restart was cancelled
    userStopped = ProcessStates::isActive(state);
    return userStopped;
}

void ManagedProcessPrivate::applyOutputPaused()
{
    if (!child)
        return;
    if (outputPaused)
        child->pauseReading();
    else
        child->resumeReading();
}

ManagedProcess::ManagedProcess(const LaunchSpec &spec, QObject *parent)
    : QObject(parent), d(std::make_unique<ManagedProcessPrivate>(this))
{
    d->spec = spec;
    d->restartTimer.setSingleShot(true);
    connect(&d->restartTimer, &QTimer::timeout, this, [this] {
        ++d->restartCount;
        d->startChild();
    });
}

ManagedProcess::~ManagedProcess()
{
    // The child's whole tree is killed (also the rest of a stopped one); aproc::Process reaps the
    // child. No signal reaches us.
    if (d->child && d->pid != 0)
        d->child->kill();
    if (d->lastStopped)
        d->lastStopped->kill();
    d->discardChild();
}

quint64 ManagedProcess::id() const
{
    return d->id;
}

LaunchSpec ManagedProcess::spec() const
{
    return d->spec;
}

void ManagedProcess::setSpec(const LaunchSpec &spec)
{
    if (d->spec == spec)
        return;
    d->spec = spec;
    Q_EMIT changed();
}

QString ManagedProcess::name() const
{
    return LaunchSpecs::displayName(d->spec);
}

QString ManagedProcess::commandLine() const
{
    return d->spec.command;
}

ProcessState ManagedProcess::state() const
{
    return d->state;
}

qint64 ManagedProcess::pid() const
{
    return d->pid;
}

std::optional<int> ManagedProcess::returncode() const
{
    return d->returncode;
}

QString ManagedProcess::exitDescription() const
{
    if (!d->returncode)
        return {};
    if (*d->returncode >= 0)
        return QString::number(*d->returncode);
    return SignalNames::name(-*d->returncode);
}

QString ManagedProcess::errorString() const
{
    return d->errorString;
}

QDateTime ManagedProcess::startTime() const
{
    return d->startTime;
}

TreeUsage ManagedProcess::treeUsage() const
{
    return d->child && d->pid != 0 ? d->child->treeUsage() : TreeUsage();
}

std::chrono::milliseconds ManagedProcess::runTime() const
{
    if (d->runClock.isValid())
        return std::chrono::milliseconds(d->runClock.elapsed());
    return d->lastRunTime;
}

int ManagedProcess::restartCount() const
{
    return d->restartCount;
}

bool ManagedProcess::isRestartPending() const
{
    return d->restartTimer.isActive();
}

bool ManagedProcess::endedByUser() const
{
    return d->endedByUser;
}

bool ManagedProcess::canWriteStandardInput() const
{
    const bool running = d->state == ProcessState::Running || d->state == ProcessState::Stopped;
    return running && d->stdinOpen && d->child && d->child->isWriteChannelOpen();
}

void ManagedProcess::start()
{
    if (ProcessStates::isActive(d->state))
        return;
    d->restartsInRow = 0;
    d->startChild();
}

void ManagedProcess::restart()
{
    if (!ProcessStates::isActive(d->state)) {
        ++d->restartCount;
        start();
        return;
    }
    stop();
    d->restartWhenEnded = true;
}

void ManagedProcess::stop(std::chrono::milliseconds grace)
{
    if (d->beginUserStop())
        d->beginStop(grace);
}

void ManagedProcess::kill()
{
    if (!d->beginUserStop())
        return;
    d->stopWhenStarted = 0ms;
    if (d->child && d->pid != 0)
        d->child->kill(); // the whole tree: nothing of it outlives a removal
}

void ManagedProcess::sendSignal(int signo)
{
    if (!d->child || d->pid == 0)
        return;
    d->child->sendSignal(signo);
    d->noteSignal(signo);
}

void ManagedProcess::sendSignalToGroup(int signo)
{
    if (!d->child || d->pid == 0)
        return;
    d->child->sendSignalToGroup(signo); // the tree, also while a descendant holds the output
    d->noteSignal(signo);
}

void ManagedProcess::writeStandardInput(const QByteArray &data)
{
    if (canWriteStandardInput())
        d->child->write(data);
}

void ManagedProcess::closeStandardInput()
{
    if (!canWriteStandardInput())
        return;
    d->child->closeWriteChannel(); // on a pty, the terminal's VEOF: it stays open
    if (d->child->isPty(0))
        return;
    d->stdinOpen = false;
    Q_EMIT changed();
}

void ManagedProcess::setTerminalSize(int rows, int columns)
{
    d->terminalSize = std::make_pair(rows, columns);
    if (d->child && d->spec.pty)
        d->child->setWindowSize(rows, columns);
}

void ManagedProcess::setOutputPaused(bool paused)
{
    if (d->outputPaused == paused)
        return;
    d->outputPaused = paused;
    d->applyOutputPaused();
}

bool ManagedProcess::isOutputPaused() const
{
    return d->outputPaused;
}

} // namespace aproc::monitor
