// SPDX-License-Identifier: MIT
// The process list as the view shows it: filtered by a text and sorted numerically.
#pragma once

#include <QtCore/QSortFilterProxyModel>

namespace aproc::monitor {

/*! \brief Filters a ProcessListModel by name or command (case-insensitive) and sorts it by
 *  ProcessListModel::SortRole. A process stays when one of its descendants matches, and the
 *  descendants of a matching process stay too. */
class ProcessFilterProxyModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    /*! \brief A proxy with no filter; set its source model with setSourceModel(). */
    explicit ProcessFilterProxyModel(QObject *parent = nullptr);

    /*! \brief The text that names or commands must contain. */
    QString filterText() const;

public Q_SLOTS:
    /*! \brief Shows only the rows whose name or command contains \a text (all when empty). */
    void setFilterText(const QString &text);

protected:
    /*! \brief True when the name or the command of the row matches the filter. */
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_filterText;
};

} // namespace aproc::monitor
