// SPDX-License-Identifier: MIT
#include "window/windowsettings.h"

#include <QtCore/QSettings>
#include <QtWidgets/QMainWindow>

using namespace Qt::StringLiterals;

namespace aproc::monitor {

namespace {
// Bump when toolbars or docks change so an old state is not applied to a new layout.
constexpr int stateVersion = 1;

QString key(const QMainWindow &window, QStringView name)
{
    return window.objectName() + u'/' + name;
}
} // namespace

void saveWindowSettings(const QMainWindow &window)
{
    QSettings settings;
    settings.setValue(key(window, u"geometry"), window.saveGeometry());
    settings.setValue(key(window, u"state"), window.saveState(stateVersion));
}

bool restoreWindowSettings(QMainWindow &window)
{
    const QSettings settings;
    const QByteArray geometry = settings.value(key(window, u"geometry")).toByteArray();
    if (geometry.isEmpty() || !window.restoreGeometry(geometry))
        return false;
    window.restoreState(settings.value(key(window, u"state")).toByteArray(), stateVersion);
    return true;
}

} // namespace aproc::monitor
