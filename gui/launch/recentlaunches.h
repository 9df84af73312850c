// SPDX-License-Identifier: MIT
// The commands launched recently, with how they were launched, remembered in QSettings.
#pragma once

#include "launchspec.h"

#include <QtCore/QStringList>

#include <optional>

namespace aproc::monitor {

/*! \brief The recent launches: their commands under "launch/recentCommands" (most recent first,
 *  no duplicates, at most maximumCount), and each one's whole spec under "launch/recentSpecs". */
class RecentLaunches
{
public:
    /*! \brief How many commands are remembered. */
    static constexpr int maximumCount = 20;

    /*! \brief The recent commands, most recent first. */
    static QStringList commands();

    /*! \brief The spec last launched with \a command, if it is remembered. */
    static std::optional<LaunchSpec> spec(const QString &command);

    /*! \brief Puts \a spec's command first (removing its older occurrence and the oldest beyond
     *  maximumCount) and remembers the spec; an empty command is ignored. */
    static void remember(const LaunchSpec &spec);
};

} // namespace aproc::monitor
