// SPDX-License-Identifier: MIT
//
//  W A R N I N G
//  -------------
// This file is not part of the Aproc API. It may change from version to version.
#pragma once

#include <sys/types.h>

namespace aproc::detail {

/*! \brief Records \a group (a child's own process group, started with dieWithParent) for
 *  killChildGroupsOnCrash(); nothing when the table of groups is full. */
void registerCrashGroup(pid_t group);
/*! \brief Forgets \a group (its leader was reaped); nothing when it was not recorded. */
void unregisterCrashGroup(pid_t group);

} // namespace aproc::detail
