// SPDX-License-Identifier: MIT
// Every managed process of the monitor, in the order they were added.
#pragma once

#include "launchspec.h"

#include <QtCore/QList>
#include <QtCore/QObject>

#include <chrono>
#include <memory>

namespace aproc::monitor {

class ManagedProcess;
class ProcessManagerPrivate;

/*! \brief Owns the ManagedProcess objects, counts them, and stops them all when quitting. */
class ProcessManager : public QObject
{
    Q_OBJECT

public:
    /*! \brief An empty manager. */
    explicit ProcessManager(QObject *parent = nullptr);
    /*! \brief Kills and reaps every child still running. */
    ~ProcessManager() override;

    /*! \brief Creates a process for \a spec, appends it and starts it. */
    ManagedProcess *launch(const LaunchSpec &spec);
    /*! \brief Creates a process for \a spec and appends it without starting it. */
    ManagedProcess *add(const LaunchSpec &spec);
    /*! \brief Every process, in the order they were added. */
    QList<ManagedProcess *> processes() const;
    /*! \brief The process with \a id, or null. */
    ManagedProcess *process(quint64 id) const;
    /*! \brief Removes \a process: a running child is sent SIGKILL, processRemoved() is emitted,
     *  then the process is deleted with deleteLater() (which reaps the child); it emits no
     *  signal after processRemoved(). */
    void remove(ManagedProcess *process);
    /*! \brief Removes every process that is Exited, Killed or FailedToStart (and has no pending
     *  restart). */
    void clearFinished();
    /*! \brief Starts every process that has no child. */
    void startAll();
    /*! \brief Stops every child's tree: SIGTERM, SIGKILL after \a grace. */
    void stopAll(std::chrono::milliseconds grace = std::chrono::seconds(5));

    /*! \brief How many processes have a child or its tree (Starting, Running, Stopped or
     *  OutputHeld). */
    int runningCount() const;
    /*! \brief How many failed: FailedToStart, or ended with a non-zero code or a signal. */
    int failedCount() const;
    /*! \brief The processes whose child still exists. */
    QList<ManagedProcess *> active() const;
    /*! \brief True once shutdown() was called. */
    bool isShuttingDown() const;
    /*! \brief Quitting: stops every child (SIGTERM, SIGKILL after \a grace) and disables
     *  restarts; emits shutdownFinished() once no child is left: at once (inside this call) when
     *  none runs. */
    void shutdown(std::chrono::milliseconds grace = std::chrono::seconds(5));

Q_SIGNALS:
    /*! \brief \a process was appended. */
    void processAdded(aproc::monitor::ManagedProcess *process);
    /*! \brief \a process is about to be deleted. */
    void processRemoved(aproc::monitor::ManagedProcess *process);
    /*! \brief runningCount() or failedCount() changed. */
    void countsChanged(int running, int failed);
    /*! \brief \a process failed to start, or ended with failure (a non-zero exit, or a signal the
     *  user did not send), because of \a message. */
    void processFailed(aproc::monitor::ManagedProcess *process, const QString &message);
    /*! \brief After shutdown(): no child is left. */
    void shutdownFinished();

private:
    /*! \brief Emits countsChanged() when runningCount() or failedCount() changed. */
    void updateCounts();
    /*! \brief Emits shutdownFinished() once, after shutdown(), when no child is left. */
    void checkShutdown();
    /*! \brief The translated processFailed() message of \a process ending with \a returncode. */
    static QString endMessage(const ManagedProcess *process, int returncode);

    std::unique_ptr<ProcessManagerPrivate> d;
};

} // namespace aproc::monitor
