// SPDX-License-Identifier: MIT
// How the monitor starts the child of a LaunchSpec: the options every managed child gets.
#pragma once

#include "launchspec.h"

#include <aproc/processoptions.h>

namespace aproc::monitor {

/*! \brief The aproc::ProcessOptions of the child of \a spec: stdout and stderr piped apart and
 *  stdin piped (or one pty for all three), no buffering (output comes only as signals), a
 *  session of its own, the whole tree contained (aproc::Containment{}) and dying with the
 *  monitor (dieWithParent), in spec's working directory with spec's environment added to the
 *  monitor's. */
ProcessOptions childOptions(const LaunchSpec &spec);

} // namespace aproc::monitor
