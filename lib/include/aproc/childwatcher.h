// SPDX-License-Identifier: MIT
// Which child watcher this process uses, and why: a diagnostic for "my child never exits".
#pragma once

#include <aproc/aproc_export.h>

#include <QtCore/QString>

namespace aproc {

/*! \brief The child watcher in use and the reason it was chosen (asyncio's get_child_watcher(),
 *  as a diagnostic rather than a choice). */
struct ChildWatcherInfo
{
    /*! \brief "pidfd" (one pidfd per child, Linux 5.4+) or "sigchld" (the fallback). */
    QString name;
    /*! \brief Why: the probe's result or the APROC_CHILD_WATCHER override, then anything that
     *  degrades exit statuses, such as SIGCHLD ignored by someone else. */
    QString reason;
};

/*! \brief Says which child watcher is active in this process and why (pidfd refused by a
 *  seccomp filter, an old kernel, APROC_CHILD_WATCHER=sigchld, SIGCHLD set to SIG_IGN, ...).
 *  Probes the kernel on first use; thread-safe. */
APROC_EXPORT ChildWatcherInfo childWatcherInfo();

} // namespace aproc
