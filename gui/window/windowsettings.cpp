// SPDX-License-Identifier: MIT
#include "window/windowsettings.h"

#include "settingskeys.h"

#include <QtCore/QSettings>
#include <QtWidgets/QMainWindow>

using namespace Qt::StringLiterals;

namespace aproc::monitor {

namespace {
// Bump when toolbars or docks change so an old state is not applied to a new layout.
constexpr int stateVersion = 1;

} // namespace

void saveWindowSettings(const QMainWindow &window)
{
    QSettings settings;
    settings.setValue(settingskeys::windowGeometry(window.objectName()), window.saveGeometry());
    settings.setValue(settingskeys::windowState(window.objectName()),
                      window.saveState(stateVersion));
}

bool restoreWindowSettings(QMainWindow &window)
{
    const QSettings settings;
    const QByteArray geometry
            = settings.value(settingskeys::windowGeometry(window.objectName())).toByteArray();
    if (geometry.isEmpty() || !window.restoreGeometry(geometry))
        return false;
    window.restoreState(
            settings.value(settingskeys::windowState(window.objectName())).toByteArray(),
            stateVersion);
    return true;
}

} // namespace aproc::monitor
