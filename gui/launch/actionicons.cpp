// SPDX-License-Identifier: MIT
#include "launch/actionicons.h"

#include <QtCore/QDir>
#include <QtCore/QFile>

using namespace Qt::StringLiterals;

namespace aproc::monitor {

QStringList actionIconNames()
{
    QStringList names;
    const QStringList files = QDir(u":/icons/actions"_s).entryList({u"*.png"_s}, QDir::Files);
    for (const QString &file : files) {
        if (!file.endsWith(u"-48.png"_s))
            names.append(file.chopped(4));
    }
    names.sort(); // by name: the files sort "start-all.png" before "start.png"
    return names;
}

QIcon actionIcon(const QString &name)
{
    QIcon icon;
    const QString path = u":/icons/actions/"_s + name;
    if (QFile::exists(path + u".png"_s)) {
        icon.addFile(path + u".png"_s, QSize(24, 24));
        icon.addFile(path + u"-48.png"_s, QSize(48, 48));
    }
    return icon;
}

} // namespace aproc::monitor
