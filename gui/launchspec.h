// SPDX-License-Identifier: MIT
// What to launch: one command and how to run it. The launch dialog edits one, a Procfile holds
// several, and a ManagedProcess runs one (again, when its restart policy says so).
#pragma once

#include <QtCore/QCoreApplication>
#include <QtCore/QString>
#include <QtCore/QStringList>

#include <chrono>

namespace aproc::monitor {

/*! \brief When a process that ended is started again. */
enum class RestartPolicy {
    Never, //!< it stays ended
    OnFailure, //!< after a non-zero exit, a death by signal, or a failed start
    Always, //!< after any end, unless the user stopped it
};

/*! \brief One command and how to run it. */
struct LaunchSpec
{
    QString name; //!< shown in the list; empty: the program's file name
    QString command; //!< the command line as typed
    bool shell = false; //!< run as `/bin/sh -c command` instead of splitting it with shellSplit()
    QString workingDirectory; //!< empty: the monitor's own
    QStringList environment; //!< "NAME=value" entries added to the monitor's environment
    bool pty = false; //!< stdin, stdout and stderr on one pseudo-terminal (colours, line editing)
    RestartPolicy restartPolicy = RestartPolicy::Never;
    std::chrono::milliseconds restartDelay{1000}; //!< the first backoff; doubled per restart
    int maxRestarts = 5; //!< restarts in a row the policy allows; 0: no limit

    friend bool operator==(const LaunchSpec &, const LaunchSpec &) = default;
};

/*! \brief The longest backoff between two automatic restarts. */
inline constexpr std::chrono::milliseconds maximumRestartDelay{30000};

/*! \brief The program and its arguments that run \a spec. */
struct CommandInvocation
{
    QString program;
    QStringList arguments;
};

/*! \brief Conversions and checks of a LaunchSpec, with translated messages. */
class LaunchSpecs
{
    Q_DECLARE_TR_FUNCTIONS(aproc::monitor::LaunchSpecs)

public:
    /*! \brief The program and arguments of \a spec: `/bin/sh -c command` in shell mode, else
     *  shellSplit(command). Throws aproc::ValueError when the command is empty or badly quoted. */
    static CommandInvocation invocation(const LaunchSpec &spec);

    /*! \brief What the list shows: the name, or the program's file name when it has none. */
    static QString displayName(const LaunchSpec &spec);

    /*! \brief An empty string when \a spec can be launched, else what is wrong with it. */
    static QString problem(const LaunchSpec &spec);

    /*! \brief "never", "on-failure" or "always": the policy's key in a Procfile and QSettings. */
    static QString policyKey(RestartPolicy policy);
    /*! \brief The policy named by \a key (as policyKey() writes it); false if it names none. */
    static bool policyFromKey(const QString &key, RestartPolicy *policy);
    /*! \brief The translated name of \a policy, for the launch dialog. */
    static QString policyTitle(RestartPolicy policy);

    /*! \brief The backoff before automatic restart number \a restart (1 for the first):
     *  restartDelay doubled per restart, at most maximumRestartDelay. */
    static std::chrono::milliseconds backoff(const LaunchSpec &spec, int restart);
};

} // namespace aproc::monitor
