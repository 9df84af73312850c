// SPDX-License-Identifier: MIT
#include "processes/processmanager.h"

#include "processes/managedprocess.h"
#include "processes/signalnames.h"

namespace aproc::monitor {

class ProcessManagerPrivate
{
public:
    QList<ManagedProcess *> processes;
    int running = 0;
    int failed = 0;
    bool shuttingDown = false;
    bool shutdownFinished = false;
};

namespace {
bool hasFailed(const ManagedProcess *process)
{
    switch (process->state()) {
    case ProcessState::FailedToStart:
        return true;
    case ProcessState::Exited:
    case ProcessState::Killed:
        return process->returncode().value_or(0) != 0;
    case ProcessState::Starting:
    case ProcessState::Running:
    case ProcessState::Stopped:
    case ProcessState::OutputHeld:
        break;
    }
    return false;
}

bool hasFinished(const ManagedProcess *process)
{
    const ProcessState state = process->state();
    if (ProcessStates::isActive(state) || process->isRestartPending())
        return false;
    // A process that was added but never started is not finished.
    return state == ProcessState::FailedToStart || process->returncode().has_value();
}
} // namespace

ProcessManager::ProcessManager(QObject *parent)
    : QObject(parent), d(std::make_unique<ProcessManagerPrivate>())
{ }

ProcessManager::~ProcessManager()
{
    // Each ManagedProcess kills and reaps its child.
    for (ManagedProcess *process : std::as_const(d->processes)) {
        disconnect(process, nullptr, this, nullptr);
        delete process;
    }
}

ManagedProcess *ProcessManager::launch(const LaunchSpec &spec)
{
    ManagedProcess *process = add(spec);
    process->start();
    return process;
}

ManagedProcess *ProcessManager::add(const LaunchSpec &spec)
{
    auto *process = new ManagedProcess(spec, this);
    connect(process, &ManagedProcess::changed, this, &ProcessManager::updateCounts);
    connect(process, &ManagedProcess::failedToStart, this,
            [this, process](const QString &message) { Q_EMIT processFailed(process, message); });
    connect(process, &ManagedProcess::ended, this, [this, process](ProcessState, int code) {
        if (code != 0 && !process->endedByUser())
            Q_EMIT processFailed(process, endMessage(process, code));
    });
    connect(process, &ManagedProcess::stateChanged, this, &ProcessManager::checkShutdown);
    d->processes.append(process);
    Q_EMIT processAdded(process);
    updateCounts();
    return process;
}

QString ProcessManager::endMessage(const ManagedProcess *process, int returncode)
{
    if (returncode < 0)
        return tr("%1 was killed by %2").arg(process->name(), SignalNames::name(-returncode));
    return tr("%1 exited with code %2").arg(process->name()).arg(returncode);
}

QList<ManagedProcess *> ProcessManager::processes() const
{
    return d->processes;
}

ManagedProcess *ProcessManager::process(quint64 id) const
{
    for (ManagedProcess *process : std::as_const(d->processes)) {
        if (process->id() == id)
            return process;
    }
    return nullptr;
}

void ProcessManager::remove(ManagedProcess *process)
{
    if (!d->processes.removeOne(process))
        return;
    disconnect(process, nullptr, this, nullptr);
    process->kill();
    Q_EMIT processRemoved(process);
    // Deleted later: remove() may be called from one of its signals. The kill is already sent;
    // the deletion reaps the child.
    process->blockSignals(true);
    process->deleteLater();
    updateCounts();
    checkShutdown();
}

void ProcessManager::clearFinished()
{
    const QList<ManagedProcess *> all = d->processes;
    for (ManagedProcess *process : all) {
        if (hasFinished(process))
            remove(process);
    }
}

void ProcessManager::startAll()
{
    if (d->shuttingDown)
        return;
    const QList<ManagedProcess *> all = d->processes;
    for (ManagedProcess *process : all)
        process->start();
}

void ProcessManager::stopAll(std::chrono::milliseconds grace)
{
    const QList<ManagedProcess *> all = d->processes;
    for (ManagedProcess *process : all)
        process->stop(grace);
}

int ProcessManager::runningCount() const
{
    return int(active().size());
}

int ProcessManager::failedCount() const
{
    return int(std::count_if(d->processes.cbegin(), d->processes.cend(), hasFailed));
}

QList<ManagedProcess *> ProcessManager::active() const
{
    QList<ManagedProcess *> list;
    for (ManagedProcess *process : std::as_const(d->processes)) {
        if (ProcessStates::isActive(process->state()))
            list.append(process);
    }
    return list;
}

bool ProcessManager::isShuttingDown() const
{
    return d->shuttingDown;
}

void ProcessManager::shutdown(std::chrono::milliseconds grace)
{
    d->shuttingDown = true;
    stopAll(grace);
    checkShutdown();
}

void ProcessManager::updateCounts()
{
    const int running = runningCount();
    const int failed = failedCount();
    if (running == d->running && failed == d->failed)
        return;
    d->running = running;
    d->failed = failed;
    Q_EMIT countsChanged(running, failed);
}

void ProcessManager::checkShutdown()
{
    if (!d->shuttingDown || d->shutdownFinished || runningCount() > 0)
        return;
    d->shutdownFinished = true;
    Q_EMIT shutdownFinished();
}

} // namespace aproc::monitor
