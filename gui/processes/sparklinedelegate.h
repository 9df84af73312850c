// SPDX-License-Identifier: MIT
// The Activity cell of the process list: the recent CPU % as a line over the recent resident
// memory as a filled area.
#pragma once

#include <QtWidgets/QStyledItemDelegate>

namespace aproc::monitor {

/*! \brief Paints ProcessListModel::CpuHistoryRole as a line (in the highlight colour, scaled to
 *  at least 100 %) over ProcessListModel::MemoryHistoryRole as a filled area (scaled to its own
 *  maximum), the newest sample at the right edge. */
class SparklineDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    /*! \brief A delegate for the Activity column. */
    explicit SparklineDelegate(QObject *parent = nullptr);

    /*! \brief Paints the cell's background and its sparkline. */
    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    /*! \brief About 80 by 20 pixels, scaled with the font. */
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    /*! \brief The colour of the CPU line in \a palette. */
    static QColor cpuColor(const QPalette &palette);
    /*! \brief The colour of the memory area in \a palette. */
    static QColor memoryColor(const QPalette &palette);
};

} // namespace aproc::monitor
