// SPDX-License-Identifier: MIT
// The main window's geometry and state, kept in QSettings between runs.
#pragma once

class QMainWindow;

namespace aproc::monitor {

/*! \brief Stores \a window's geometry and toolbar/dock state under its objectName(). */
void saveWindowSettings(const QMainWindow &window);

/*! \brief Restores what saveWindowSettings() stored; false when nothing usable was stored. */
bool restoreWindowSettings(QMainWindow &window);

} // namespace aproc::monitor
