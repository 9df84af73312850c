// SPDX-License-Identifier: MIT
// The demo session: a Procfile and small POSIX sh scripts (a clock, a coloured logger, an echo
// server, a flaky service, a spawner of children), embedded under :/demo/.
#pragma once

#include "launch/procfile.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QString>

namespace aproc::monitor {

/*! \brief Copies the embedded demo session to disk and loads it. */
class DemoSession
{
    Q_DECLARE_TR_FUNCTIONS(aproc::monitor::DemoSession)

public:
    /*! \brief Copies :/demo/ into a private temporary directory kept for the life of the process
     *  (once; later calls return the same path), makes the scripts executable, and returns the
     *  Procfile's path; on failure returns an empty string and sets \a error (if not null). */
    static QString materialize(QString *error = nullptr);

    /*! \brief materialize() and Procfile::load(); a failure to materialize is one issue. */
    static ProcfileContents load();
};

} // namespace aproc::monitor
