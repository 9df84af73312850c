// SPDX-License-Identifier: MIT
#include "processcolumns.h"

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
    case ProcessColumn::CpuPercent:
        return tr("CPU %");
    case ProcessColumn::Memory:
        return tr("Memory");
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

} // namespace aproc::monitor
