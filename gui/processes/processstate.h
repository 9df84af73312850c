// SPDX-License-Identifier: MIT
// The life cycle of a managed process, as the process list shows it.
#pragma once

#include <QtCore/QCoreApplication>
#include <QtCore/QMetaType>
#include <QtCore/QString>

namespace aproc::monitor {

/*! \brief Where a managed process is in its life. */
enum class ProcessState {
    Starting, //!< start() was called, the child is not spawned yet
    Running, //!< the child runs
    Stopped, //!< the child was sent SIGSTOP or SIGTSTP (and no SIGCONT since)
    OutputHeld, //!< the child exited; descendants still hold its output open
    Exited, //!< the child exited by itself (returncode >= 0)
    Killed, //!< the child was killed by a signal (returncode < 0)
    FailedToStart, //!< the spec was invalid, or the spawn failed
};

/*! \brief Titles and predicates of ProcessState, with translated text. */
class ProcessStates
{
    Q_DECLARE_TR_FUNCTIONS(aproc::monitor::ProcessStates)

public:
    /*! \brief The translated title of \a state: "starting", "running", "stopped", "output
     *  held", "exited", "killed" or "failed to start". */
    static QString title(ProcessState state);
    /*! \brief The translated title of OutputHeld for a child that ended as \a exit ("0",
     *  "SIGTERM") and whose output \a holders processes hold (negative: not known yet):
     *  "exited 0 — output held by 2 processes". */
    static QString outputHeldTitle(const QString &exit, int holders);
    /*! \brief True for Starting, Running, Stopped and OutputHeld: a child or its tree exists (or
     *  is being spawned). */
    static bool isActive(ProcessState state);
};

} // namespace aproc::monitor

Q_DECLARE_METATYPE(aproc::monitor::ProcessState)
