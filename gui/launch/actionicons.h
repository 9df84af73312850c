// SPDX-License-Identifier: MIT
// The toolbar's icons, drawn in resources/icons/actions/*.svg and embedded as 24 and 48 px PNGs
// (:/icons/actions/<name>.png and <name>-48.png).
#pragma once

#include <QtCore/QString>
#include <QtCore/QStringList>
#include <QtGui/QIcon>

namespace aproc::monitor {

/*! \brief The icon of the action \a name ("launch", "start", "start-all", "stop", "stop-all",
 *  "restart", "kill", "signal", "remove", "clear-finished", "open-procfile", "save-procfile",
 *  "search", "eof", "send", "follow-tail", "timestamps") with its 24 and 48 px pixmaps; a null
 *  icon if unknown. */
QIcon actionIcon(const QString &name);

/*! \brief The names actionIcon() knows: every icon embedded, sorted. */
QStringList actionIconNames();

} // namespace aproc::monitor
