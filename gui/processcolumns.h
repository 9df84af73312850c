// SPDX-License-Identifier: MIT
// The columns of the process table, in display order.
#pragma once

#include <QtCore/QCoreApplication>
#include <QtCore/QStringList>

namespace aproc::monitor {

enum class ProcessColumn {
    Name,
    Command,
    Pid,
    State,
    Exit,
    Started,
    RunTime,
    CpuPercent,
    Memory,
};

inline constexpr int processColumnCount = int(ProcessColumn::Memory) + 1;

/*! \brief The translated header titles of the process table. */
class ProcessColumns
{
    Q_DECLARE_TR_FUNCTIONS(aproc::monitor::ProcessColumns)

public:
    /*! \brief The header title of \a column. */
    static QString title(ProcessColumn column);

    /*! \brief Every column's title, in display order. */
    static QStringList titles();
};

} // namespace aproc::monitor
