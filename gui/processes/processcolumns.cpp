// SPDX-License-Identifier: MIT
#include "processes/processcolumns.h"

#include <aproc/shell.h>

#include <QtCore/QLocale>

using namespace Qt::StringLiterals;

namespace aproc::monitor {

QString ProcessColumns::title(ProcessColumn column)
{
    switch (column) {
    case ProcessColumn::Name:
        return tr("Name");
    case ProcessColumn::Command:
        return tr("Command");
    case ProcessColumn::Pid:
        //: Process identifier
        return tr("PID");
    case ProcessColumn::State:
        return tr("State");
    case ProcessColumn::Exit:
        //: Exit code or the name of the signal that killed the process
        return tr("Exit");
    case ProcessColumn::Started:
        //: The time the process was started
        return tr("Started");
    case ProcessColumn::RunTime:
        return tr("Run time");
    case ProcessColumn::Restarts:
        return tr("Restarts");
    case ProcessColumn::CpuPercent:
        return tr("CPU %");
    case ProcessColumn::Memory:
        return tr("Memory");
    case ProcessColumn::Activity:
        //: A small chart of the recent CPU and memory use
        return tr("Activity");
    }
    Q_UNREACHABLE();
    return {};
}

QStringList ProcessColumns::titles()
{
    QStringList titles;
    for (int column = 0; column < processColumnCount; ++column)
        titles.append(title(ProcessColumn(column)));
    return titles;
}

QString ProcessColumns::runTimeText(std::chrono::milliseconds time)
{
    const qint64 seconds = std::chrono::duration_cast<std::chrono::seconds>(time).count();
    if (seconds < 60)
        //: A run time under a minute, in seconds
        return tr("%1 s").arg(seconds);
    const QString minutes = u"%1:%2"_s.arg(seconds / 60 % 60).arg(seconds % 60, 2, 10, QChar(u'0'));
    if (seconds < 3600)
        return minutes;
    return u"%1:%2"_s.arg(seconds / 3600).arg(minutes.rightJustified(5, QChar(u'0')));
}

QString ProcessColumns::startTimeText(const QDateTime &time)
{
    if (!time.isValid())
        return {};
    const QLocale locale;
    if (time.date() == QDate::currentDate())
        return locale.toString(time.time(), QLocale::ShortFormat);
    return locale.toString(time, QLocale::ShortFormat);
}

QString ProcessColumns::memoryText(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1);
}

QString ProcessColumns::cpuText(double percent)
{
    return QLocale().toString(percent, 'f', 1);
}

QString ProcessColumns::kernelStateTitle(char state)
{
    switch (state) {
    case 'R':
        return tr("running");
    case 'S':
        return tr("sleeping");
    case 'D':
        //: Uninterruptible sleep, usually waiting for a disk
        return tr("waiting");
    case 'T':
        return tr("stopped");
    case 't':
        return tr("traced");
    case 'Z':
        return tr("zombie");
    case 'X':
        return tr("dead");
    case 'I':
        return tr("idle");
    default:
        return QString(QLatin1Char(state));
    }
}

QString ProcessColumns::commandLineText(const QStringList &arguments, const QString &name)
{
    if (arguments.isEmpty())
        return u'[' + name + u']';
    QStringList quoted;
    for (const QString &argument : arguments)
        quoted.append(shellQuote(argument));
    return quoted.join(u' ');
}

} // namespace aproc::monitor
