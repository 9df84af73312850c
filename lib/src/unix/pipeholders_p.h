// SPDX-License-Identifier: MIT
//
//  W A R N I N G
//  -------------
// This file is not part of the Aproc API. It may change from version to version.
#pragma once

#include <QtCore/QList>
#include <QtCore/QString>
#include <QtCore/QStringList>

namespace aproc::detail {

/*! \brief A process that has one of the child's pipes open (ProcessOptions::exitDrain). */
struct PipeHolder
{
    qint64 pid = 0;
    QString command; //!< its command line, arguments joined by spaces (comm when none)

    /*! "pid command", as Process::drainExpired() names it. */
    QString name() const { return QString::number(pid) + QLatin1Char(' ') + command; }
};

/*! \brief What /proc/PID/fd/N of another process shows for the file open as \a fd here:
 *  "pipe:[inode]" or "socket:[inode]", the slave's path for a pty master; empty for anything
 *  else or when \a fd cannot be examined. */
QString openFileIdentity(int fd);

/*! \brief Every process but this one that has a file of \a identities (openFileIdentity())
 *  open, by pid ascending, each once. One pass over /proc/[0-9]*\/fd: the processes whose fds
 *  cannot be read (another user's) are skipped, and so are the processes that exit meanwhile. */
QList<PipeHolder> findPipeHolders(const QStringList &identities);

} // namespace aproc::detail
