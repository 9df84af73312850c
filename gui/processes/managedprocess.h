// SPDX-License-Identifier: MIT
// One command of the monitor: its child process (started again as its restart policy says), its
// state, and its output as signals.
#pragma once

#include "launchspec.h"
#include "processes/processstate.h"

#include <aproc/containment.h>

#include <QtCore/QByteArray>
#include <QtCore/QDateTime>
#include <QtCore/QObject>
#include <QtCore/QString>

#include <chrono>
#include <memory>
#include <optional>

namespace aproc::monitor {

class ManagedProcessPrivate;

/*! \brief One LaunchSpec and the child that runs it, for the process list and the console.
 *
 *  The child runs with stdout and stderr piped apart (or all three streams on one pty, when
 *  spec.pty: then every byte arrives on channel 1), stdin piped, in a new session, with its
 *  whole tree contained (aproc::Containment: stop(), kill() and sendSignalToGroup() reach every
 *  descendant, also one that called setsid), and the tree dies with the monitor. Output is never
 *  buffered: it comes only through outputReceived(). Once the child exited while descendants
 *  still hold its output open, the state is OutputHeld until that output closes.
 *
 *  Restart policy: an end is one of three kinds.
 *  - The user ended it: stop(), restart(), or the child died of a signal sent with sendSignal()
 *    or sendSignalToGroup() (any signal but SIGSTOP, SIGTSTP, SIGCONT, SIGWINCH). Never restarted.
 *  - A failure: a failed start, a non-zero exit, or a death by a signal the user did not send.
 *    Restarted under OnFailure and Always.
 *  - A success: exit status 0. Restarted under Always only.
 *  Automatic restart number n (in a row) waits LaunchSpecs::backoff(spec, n); after
 *  spec.maxRestarts in a row (0: no limit) the process stays ended. A run that lasted more than
 *  10 s starts a new row. start() by the user starts a new row too. */
class ManagedProcess : public QObject
{
    Q_OBJECT

public:
    /*! \brief A process for \a spec, not started (state Exited, no pid, no returncode). */
    explicit ManagedProcess(const LaunchSpec &spec, QObject *parent = nullptr);
    /*! \brief A running child's whole tree is sent SIGKILL; the child is reaped. */
    ~ManagedProcess() override;

    /*! \brief Unique and stable for the life of the monitor (never 0). */
    quint64 id() const;
    /*! \brief What it runs. */
    LaunchSpec spec() const;
    /*! \brief Replaces the spec; takes effect at the next (re)start. */
    void setSpec(const LaunchSpec &spec);
    /*! \brief LaunchSpecs::displayName(spec()). */
    QString name() const;
    /*! \brief spec().command. */
    QString commandLine() const;

    /*! \brief The current state. */
    ProcessState state() const;
    /*! \brief The child's pid: 0 before the first start and after a failed start; the last pid
     *  after the exit. */
    qint64 pid() const;
    /*! \brief Empty while running or before the first run; the exit status, or -N when killed by
     *  signal N (as aproc::Process), from the child's exit on (also while its output is held). */
    std::optional<int> returncode() const;
    /*! \brief "" while running or before the first end; else "0", "3", or the signal's name
     *  ("SIGTERM"). */
    QString exitDescription() const;
    /*! \brief Why the last start failed (names the program or directory); "" otherwise. */
    QString errorString() const;
    /*! \brief When the current or last run started; invalid before the first start. */
    QDateTime startTime() const;
    /*! \brief What the child's whole tree is and uses now (aproc::Process::treeUsage(), read at
     *  each call); empty without a child. */
    TreeUsage treeUsage() const;
    /*! \brief How long the current run has lasted (live), or the last run lasted once the child
     *  exited (also while its output is held). */
    std::chrono::milliseconds runTime() const;
    /*! \brief Automatic and manual restarts so far. */
    int restartCount() const;
    /*! \brief True while a restart is scheduled (see restartScheduled()). */
    bool isRestartPending() const;
    /*! \brief True when the last end was the user's: stop(), restart(), kill(), or a signal sent
     *  with sendSignal()/sendSignalToGroup() that killed it. */
    bool endedByUser() const;
    /*! \brief Running (or stopped) and stdin (pipe or pty) still open. */
    bool canWriteStandardInput() const;

    /*! \brief Spawns the child again, from Exited, Killed or FailedToStart (or the initial state);
     *  does nothing while a child exists. Cancels a pending restart. */
    void start();
    /*! \brief stop() with the default grace if a child exists, then start() once it ended;
     *  counts a restart. */
    void restart();
    /*! \brief aproc::Process::stop(): SIGTERM, then SIGKILL after \a grace, to every process of
     *  the child's tree (a stopped tree is sent SIGCONT too), until the whole tree is gone. A
     *  user stop: it cancels a pending restart and the restart policy does not restart the
     *  child. */
    void stop(std::chrono::milliseconds grace = std::chrono::seconds(5));
    /*! \brief SIGKILL now to the child's whole tree (a user stop, as stop()); the manager's
     *  remove() uses it. */
    void kill();
    /*! \brief Sends \a signo to the child; nothing when no child runs. SIGSTOP/SIGTSTP make the
     *  state Stopped, SIGCONT Running again. */
    void sendSignal(int signo);
    /*! \brief sendSignal() to every process of the child's tree. Also works once the child
     *  exited while a descendant still holds its output open (the state is OutputHeld until
     *  that output closes). */
    void sendSignalToGroup(int signo);
    /*! \brief Writes \a data to the child's stdin (or pty); nothing unless
     *  canWriteStandardInput(). */
    void writeStandardInput(const QByteArray &data);
    /*! \brief End of input: closes stdin; on a pty, sends the VEOF character (^D) instead. */
    void closeStandardInput();
    /*! \brief Sets the pty's window size (the console calls it); nothing without a pty. Kept for
     *  the next runs too. */
    void setTerminalSize(int rows, int columns);
    /*! \brief Stops (\a paused true) or resumes reading the child's stdout and stderr, as
     *  asyncio's pause_reading(): while paused its pipes fill and the child waits in write().
     *  Kept for the next runs too. The console's OutputPump uses it for flow control. */
    void setOutputPaused(bool paused);
    /*! \brief Whether reading is paused by setOutputPaused(). */
    bool isOutputPaused() const;

Q_SIGNALS:
    /*! \brief The state changed to \a state. */
    void stateChanged(aproc::monitor::ProcessState state);
    /*! \brief The child wrote \a data on \a channel (1 stdout, 2 stderr), raw bytes as they came.
     */
    void outputReceived(int channel, const QByteArray &data);
    /*! \brief The child was spawned with \a pid. */
    void started(qint64 pid);
    /*! \brief The child ended (Exited or Killed) with \a returncode, after all its output. */
    void ended(aproc::monitor::ProcessState state, int returncode);
    /*! \brief The start failed, because of \a message. */
    void failedToStart(const QString &message);
    /*! \brief An automatic restart will happen after \a delay. */
    void restartScheduled(std::chrono::milliseconds delay);
    /*! \brief A displayed property changed (pid, state, exit, restarts, ...). */
    void changed();

private:
    friend class ManagedProcessPrivate;
    std::unique_ptr<ManagedProcessPrivate> d;
};

} // namespace aproc::monitor
