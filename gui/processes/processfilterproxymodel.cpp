// SPDX-License-Identifier: MIT
#include "processfilterproxymodel.h"

#include "processes/processcolumns.h"
#include "processes/processlistmodel.h"

namespace aproc::monitor {

ProcessFilterProxyModel::ProcessFilterProxyModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(ProcessListModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setSortLocaleAware(true);
    setRecursiveFilteringEnabled(true);
    setAutoAcceptChildRows(true);
    setDynamicSortFilter(true);
}

QString ProcessFilterProxyModel::filterText() const
{
    return m_filterText;
}

void ProcessFilterProxyModel::setFilterText(const QString &text)
{
    if (text == m_filterText)
        return;
    m_filterText = text;
    invalidateRowsFilter();
}

bool ProcessFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_filterText.isEmpty())
        return true;
    for (const ProcessColumn column : {ProcessColumn::Name, ProcessColumn::Command}) {
        const QModelIndex index = sourceModel()->index(sourceRow, int(column), sourceParent);
        if (index.data().toString().contains(m_filterText, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace aproc::monitor
