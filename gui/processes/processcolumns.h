// SPDX-License-Identifier: MIT
// The columns of the process table, in display order, and how their cells show values.
#pragma once

#include <QtCore/QCoreApplication>
#include <QtCore/QDateTime>
#include <QtCore/QStringList>

#include <chrono>

namespace aproc::monitor {

/*! \brief A column of the process table. */
enum class ProcessColumn {
    Name,
    Command,
    Pid,
    State,
    Exit,
    Started,
    RunTime,
    Restarts,
    CpuPercent,
    Memory,
    Activity, //!< the CPU and memory sparkline
};

/*! \brief How many columns the process table has. */
inline constexpr int processColumnCount = int(ProcessColumn::Activity) + 1;

/*! \brief The translated header titles of the process table, and its cells' text. */
class ProcessColumns
{
    Q_DECLARE_TR_FUNCTIONS(aproc::monitor::ProcessColumns)

public:
    /*! \brief The header title of \a column. */
    static QString title(ProcessColumn column);

    /*! \brief Every column's title, in display order. */
    static QStringList titles();

    /*! \brief A run time: "42 s" under a minute, else "2:03" or "1:02:03". */
    static QString runTimeText(std::chrono::milliseconds time);
    /*! \brief A start time: the time of day for today, else the date and time; "" if invalid. */
    static QString startTimeText(const QDateTime &time);
    /*! \brief A memory size, e.g. "12.3 MiB". */
    static QString memoryText(qint64 bytes);
    /*! \brief A CPU percentage with one decimal, e.g. "12.5". */
    static QString cpuText(double percent);
    /*! \brief The translated name of a /proc state letter (R running, S sleeping, Z zombie...). */
    static QString kernelStateTitle(char state);
    /*! \brief \a arguments quoted as a shell would need them; "[name]" when there are none (a
     *  kernel thread or a zombie). */
    static QString commandLineText(const QStringList &arguments, const QString &name);
};

} // namespace aproc::monitor
