// SPDX-License-Identifier: MIT
#include "sparklinedelegate.h"

#include "processes/processlistmodel.h"

#include <QtGui/QPainter>
#include <QtGui/QPainterPath>
#include <QtWidgets/QApplication>

#include <algorithm>

namespace aproc::monitor {

namespace {

// The points of \a values in \a rect, the last one at the right edge, \a maximum at the top.
QList<QPointF> points(const QList<double> &values, const QRectF &rect, double maximum)
{
    QList<QPointF> result;
    const qsizetype count = values.size();
    const double step = count > 1 ? rect.width() / double(count - 1) : 0.0;
    for (qsizetype i = 0; i < count; ++i) {
        const double fraction = maximum > 0 ? std::clamp(values[i] / maximum, 0.0, 1.0) : 0.0;
        const double x = count > 1 ? rect.left() + double(i) * step : rect.right();
        result.append(QPointF(x, rect.bottom() - fraction * rect.height()));
    }
    return result;
}

void paintMemory(QPainter *painter, const QList<double> &memory, const QRectF &rect,
                 const QColor &color)
{
    if (memory.isEmpty())
        return;
    const double maximum = *std::max_element(memory.begin(), memory.end());
    const QList<QPointF> line = points(memory, rect, maximum);
    QPainterPath area(QPointF(line.first().x(), rect.bottom()));
    for (const QPointF &point : line)
        area.lineTo(point);
    area.lineTo(QPointF(line.last().x(), rect.bottom()));
    area.closeSubpath();
    painter->fillPath(area, color);
}

void paintCpu(QPainter *painter, const QList<double> &cpu, const QRectF &rect, const QColor &color)
{
    if (cpu.isEmpty())
        return;
    const double maximum = std::max(100.0, *std::max_element(cpu.begin(), cpu.end()));
    painter->setPen(QPen(color, 1.5));
    painter->drawPolyline(points(cpu, rect, maximum));
}

} // namespace

SparklineDelegate::SparklineDelegate(QObject *parent) : QStyledItemDelegate(parent) { }

void SparklineDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                              const QModelIndex &index) const
{
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

    const QList<double> cpu = index.data(ProcessListModel::CpuHistoryRole).value<QList<double>>();
    const QList<double> memory
            = index.data(ProcessListModel::MemoryHistoryRole).value<QList<double>>();
    const QRectF rect = QRectF(option.rect).adjusted(2, 3, -2, -3);
    if (rect.width() <= 0 || rect.height() <= 0)
        return;
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setClipRect(option.rect);
    paintMemory(painter, memory, rect, memoryColor(option.palette));
    paintCpu(painter, cpu, rect, cpuColor(option.palette));
    painter->restore();
}

QSize SparklineDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    const int height = option.fontMetrics.height();
    return QSize(height * 5, height + 4);
}

QColor SparklineDelegate::cpuColor(const QPalette &palette)
{
    return palette.color(QPalette::Active, QPalette::Highlight);
}

QColor SparklineDelegate::memoryColor(const QPalette &palette)
{
    QColor color = palette.color(QPalette::Active, QPalette::Link);
    color.setAlphaF(0.35f);
    return color;
}

} // namespace aproc::monitor
