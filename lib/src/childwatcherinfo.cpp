// SPDX-License-Identifier: MIT
#include <aproc/childwatcher.h>

#include "unix/childwatcher_p.h"

namespace aproc {

ChildWatcherInfo childWatcherInfo()
{
    using Kind = detail::ChildWatcher::Kind;
    const bool pidfd = detail::ChildWatcher::processKind() == Kind::Pidfd;
    return {pidfd ? QStringLiteral("pidfd") : QStringLiteral("sigchld"),
            detail::childWatcherReason()};
}

} // namespace aproc
