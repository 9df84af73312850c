// SPDX-License-Identifier: MIT
// The process list: one row per managed process, in the manager's order, and under each row the
// live processes of its child's tree; a row's CPU and memory are the whole tree's. Updated in
// place, never reset.
#pragma once

#include "processes/processcolumns.h"

#include <QtCore/QAbstractItemModel>

#include <memory>

namespace aproc::monitor {

class ManagedProcess;
class ProcessManager;
class ProcessSampler;
class ProcessListModelPrivate;

/*! \brief A tree model of the processes of a ProcessManager, columns as ProcessColumn.
 *
 *  Rows are inserted and removed as processes are added and removed, and as descendants appear
 *  and vanish (by pid); a change emits dataChanged() for the changed cells of one row. */
class ProcessListModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    /*! \brief The model's own roles. */
    enum Role {
        SortRole = Qt::UserRole + 1, //!< a number for numeric columns, else the text
        ProcessRole, //!< the ManagedProcess* of a top-level row (null for a descendant)
        PidRole, //!< the pid as a qint64 (0 when there is none)
        IsDescendantRole, //!< true for a descendant row
        CpuHistoryRole, //!< QList<double>: the recent CPU %, oldest first
        MemoryHistoryRole, //!< QList<double>: the recent resident memory in bytes, oldest first
    };
    Q_ENUM(Role)

    /*! \brief A model of \a manager's processes, sampled by a ProcessSampler of its own. */
    explicit ProcessListModel(ProcessManager *manager, QObject *parent = nullptr);
    /*! \brief A model of \a manager's processes; \a sampler (may be null: then no CPU, memory
     *  or descendants) is told which pids to track. */
    ProcessListModel(ProcessManager *manager, ProcessSampler *sampler, QObject *parent = nullptr);
    /*! \brief Stops tracking the pids it tracks. */
    ~ProcessListModel() override;

    /*! \brief The sampler that gives CPU, memory and descendants; may be null. */
    ProcessSampler *sampler() const;

    /*! \brief The process of the top-level row \a index; null for a descendant or an invalid
     *  index. */
    ManagedProcess *processAt(const QModelIndex &index) const;
    /*! \brief The top-level row of \a process in \a column; invalid when it has none. */
    QModelIndex indexOf(ManagedProcess *process, int column = 0) const;

    /*! \brief The cell at \a row, \a column under \a parent. */
    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    /*! \brief The top-level row of a descendant; invalid for a top-level row. */
    QModelIndex parent(const QModelIndex &child) const override;
    /*! \brief Processes at the top level, descendants under a process, none below those. */
    int rowCount(const QModelIndex &parent = {}) const override;
    /*! \brief processColumnCount. */
    int columnCount(const QModelIndex &parent = {}) const override;
    /*! \brief The cell's text, sort key, tooltip, colour, process, pid or histories. */
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    /*! \brief The translated column titles. */
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    friend class ProcessListModelPrivate;
    std::unique_ptr<ProcessListModelPrivate> d;
};

} // namespace aproc::monitor
