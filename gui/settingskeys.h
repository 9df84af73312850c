// SPDX-License-Identifier: MIT
// Every key Aproc Monitor keeps in QSettings, in one place: what persists between runs, under
// which name. Change a key only with a migration: users' stored settings use these names.
#pragma once

#include <QtCore/QString>

namespace aproc::monitor::settingskeys {

/*! \brief A main window's geometry (QWidget::saveGeometry()), under its objectName(). */
inline QString windowGeometry(const QString &windowName)
{
    return windowName + QStringLiteral("/geometry");
}

/*! \brief A main window's toolbar and dock state (QMainWindow::saveState()). */
inline QString windowState(const QString &windowName)
{
    return windowName + QStringLiteral("/state");
}

/*! \brief The split between the process list and the consoles (QSplitter::saveState()). */
inline QString mainSplitter()
{
    return QStringLiteral("MainWindow/splitter");
}

/*! \brief The process list's column order, widths and sort (QHeaderView::saveState()). */
inline QString processColumns()
{
    return QStringLiteral("MainWindow/columns");
}

/*! \brief How many lines each console keeps (an int, 10000 by default). */
inline QString consoleScrollback()
{
    return QStringLiteral("console/scrollback");
}

/*! \brief Whether the consoles show a time stamp before each line (a bool). */
inline QString consoleTimestamps()
{
    return QStringLiteral("console/timestamps");
}

/*! \brief The launch dialog's recent commands, most recent first (a QStringList). */
inline QString recentCommands()
{
    return QStringLiteral("launch/recentCommands");
}

/*! \brief The options each recent command was launched with (a QVariantMap by command). */
inline QString recentSpecs()
{
    return QStringLiteral("launch/recentSpecs");
}

} // namespace aproc::monitor::settingskeys
