// SPDX-License-Identifier: MIT
//
//  W A R N I N G
//  -------------
// This file is not part of the Aproc API. It may change from version to version.
#pragma once

#include "unix/fd_p.h"

#include <aproc/processoptions.h>

#include <QtCore/QByteArray>
#include <QtCore/QList>
#include <QtCore/QString>
#include <QtCore/QStringList>

// The parent-side steps of spawnChild(), one file each.
namespace aproc::detail {

/*! \brief Throws ValueError, naming the input, for anything spawnChild() cannot start
 *  (spawnvalidation.cpp). Checks only: creates nothing. */
void validateSpawnArguments(const QString &program, const QStringList &arguments,
                            const ProcessOptions &options);

/*! \brief The paths execve() should try, in order (execpath.cpp): \a program itself when it
 *  contains a '/', else \a program in each directory of PATH. PATH comes from \a environment when
 *  given (os.get_exec_path(env)), else from the parent; "/bin:/usr/bin" when it is unset. */
QList<QByteArray> executableCandidates(const QByteArray &program,
                                       const std::optional<QProcessEnvironment> &environment);

/*! \brief A new pseudo-terminal (pty.cpp): the master and the slave, both close-on-exec, the
 *  slave opened with O_NOCTTY so it never becomes the parent's controlling terminal. */
struct PseudoTerminal
{
    UniqueFd master;
    UniqueFd slave;
};
PseudoTerminal openPseudoTerminal();

} // namespace aproc::detail
