// SPDX-License-Identifier: MIT
// Names and descriptions of the POSIX signals, for the "send signal" menu and exit descriptions.
#pragma once

#include <QtCore/QCoreApplication>
#include <QtCore/QList>
#include <QtCore/QString>

namespace aproc::monitor {

/*! \brief The signals of this system, by name and with translated descriptions. */
class SignalNames
{
    Q_DECLARE_TR_FUNCTIONS(aproc::monitor::SignalNames)

public:
    /*! \brief The name of \a signo: "SIGTERM", "SIGRTMIN+3", or "signal 99" when unknown. */
    static QString name(int signo);
    /*! \brief The translated description of \a signo: "Terminate", "Kill", "Interrupt", ...;
     *  "Real-time signal 3" for SIGRTMIN+3; "Unknown signal" when unknown. */
    static QString description(int signo);
    /*! \brief Every signal number on this system, 1..SIGRTMAX, ascending (the numbers glibc
     *  reserves below SIGRTMIN included, named "signal N"). */
    static QList<int> all();
    /*! \brief The signals a menu offers first: TERM, KILL, INT, HUP, STOP, CONT, USR1, USR2. */
    static QList<int> common();
};

} // namespace aproc::monitor
