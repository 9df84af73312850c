// SPDX-License-Identifier: MIT
// Children that do not outlive a crash: ProcessOptions::dieWithParent for a whole process group.
#pragma once

#include <aproc/aproc_export.h>

namespace aproc {

/*! \brief Makes a crash of this process also end what its children started: on SIGSEGV, SIGBUS,
 *  SIGILL, SIGFPE or SIGABRT (qFatal() aborts), SIGKILL goes to the process group of every
 *  running child that was started with ProcessOptions::dieWithParent and leads a group of its
 *  own (startNewSession, processGroup = 0, or a pty), then the crash takes its course: the
 *  handler that was installed before (a crash reporter, or the default core dump) runs.
 *
 *  dieWithParent alone (PR_SET_PDEATHSIG) ends the child itself, not what it started: the
 *  commands of a shell, the workers of a server, which would live on as orphans. A group is
 *  covered from the spawn until its leader is reaped (after that its id may be reused). A
 *  SIGKILL of this process cannot be caught: then dieWithParent is all that acts. Call it once,
 *  early in main(); later calls do nothing. Asyncio has no counterpart. */
APROC_EXPORT void killChildGroupsOnCrash();

} // namespace aproc
