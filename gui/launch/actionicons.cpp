// SPDX-License-Identifier: MIT
#include "launch/actionicons.h"

#include <QtCore/QFile>

using namespace Qt::StringLiterals;

namespace aproc::monitor {

QStringList actionIconNames()
{
    return {u"launch"_s,        u"start-all"_s,     u"stop"_s,
            u"stop-all"_s,      u"restart"_s,       u"kill"_s,
            u"signal"_s,        u"remove"_s,        u"clear-finished"_s,
            u"open-procfile"_s, u"save-procfile"_s, u"search"_s,
            u"eof"_s,           u"send"_s,          u"follow-tail"_s,
            u"timestamps"_s};
}

QIcon actionIcon(const QString &name)
{
    QIcon icon;
    for (int size : {24, 48}) {
        const QString path = u":/icons/actions/%1-%2.png"_s.arg(name).arg(size);
        if (QFile::exists(path))
            icon.addFile(path, QSize(size, size));
    }
    return icon;
}

} // namespace aproc::monitor
