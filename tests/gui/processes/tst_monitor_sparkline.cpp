// SPDX-License-Identifier: MIT
// SparklineDelegate paints the CPU history as a line and the memory history as an area, scaled
// to the cell, the newest sample on the right.
#include "processes/processlistmodel.h"
#include "processes/sparklinedelegate.h"

#include <QtGui/QImage>
#include <QtGui/QPainter>
#include <QtGui/QStandardItemModel>
#include <QtTest/QTest>
#include <QtWidgets/QApplication>
#include <QtWidgets/QStyleOptionViewItem>

using aproc::monitor::ProcessListModel;
using aproc::monitor::SparklineDelegate;

namespace {
constexpr int width = 120;
constexpr int height = 40;

int distance(QColor a, QColor b)
{
    return qAbs(a.red() - b.red()) + qAbs(a.green() - b.green()) + qAbs(a.blue() - b.blue());
}

/*! The cell painted with \a cpu and \a memory histories. */
QImage paint(const QList<double> &cpu, const QList<double> &memory)
{
    QStandardItemModel model(1, 1);
    const QModelIndex index = model.index(0, 0);
    model.setData(index, QVariant::fromValue(cpu), ProcessListModel::CpuHistoryRole);
    model.setData(index, QVariant::fromValue(memory), ProcessListModel::MemoryHistoryRole);
    SparklineDelegate delegate;
    QStyleOptionViewItem option;
    option.rect = QRect(0, 0, width, height);
    option.palette = QApplication::palette();
    option.state = QStyle::State_Enabled;
    QImage image(width, height, QImage::Format_ARGB32);
    image.fill(option.palette.color(QPalette::Base));
    QPainter painter(&image);
    delegate.paint(&painter, option, index);
    painter.end();
    return image;
}

/*! How many pixels of \a rect in \a image are closer to \a color than to the base colour (an
 *  antialiased line blends the two). */
int count(const QImage &image, const QRect &rect, QColor color)
{
    const QColor base = QApplication::palette().color(QPalette::Base);
    int n = 0;
    for (int y = rect.top(); y <= rect.bottom(); ++y) {
        for (int x = rect.left(); x <= rect.right(); ++x) {
            const QColor pixel = image.pixelColor(x, y);
            n += distance(pixel, color) < distance(pixel, base) ? 1 : 0;
        }
    }
    return n;
}
} // namespace

class TestSparkline : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cpuLineRisesOnTheRight();
    void memoryAreaIsFilled();
    void emptyHistoryPaintsNoLine();
    void sizeHint();
};

void TestSparkline::cpuLineRisesOnTheRight()
{
    QList<double> cpu(30, 0.0);
    for (int i = 20; i < 30; ++i)
        cpu[i] = 100.0;
    const QImage image = paint(cpu, {});
    const QColor line = SparklineDelegate::cpuColor(QApplication::palette());
    const QRect topRight(width / 2 + 10, 0, width / 2 - 10, height / 3);
    const QRect topLeft(0, 0, width / 2 - 10, height / 3);
    const QRect bottomLeft(0, height * 2 / 3, width / 2 - 10, height / 3);
    QVERIFY2(count(image, topRight, line) > 10, "no high line on the right");
    QCOMPARE(count(image, topLeft, line), 0);
    QVERIFY2(count(image, bottomLeft, line) > 10, "no low line on the left");
}

void TestSparkline::memoryAreaIsFilled()
{
    const QList<double> memory(30, 1e6); // flat at its maximum: the whole cell is filled
    const QImage image = paint({}, memory);
    const QColor base = QApplication::palette().color(QPalette::Base);
    QVERIFY(distance(base, SparklineDelegate::memoryColor(QApplication::palette())) > 30);
    const QRect middle(width / 4, height / 3, width / 2, height / 3);
    int unpainted = 0;
    for (int y = middle.top(); y <= middle.bottom(); ++y) {
        for (int x = middle.left(); x <= middle.right(); ++x)
            unpainted += image.pixelColor(x, y) == base ? 1 : 0;
    }
    QCOMPARE(unpainted, 0);
    QVERIFY(image.pixelColor(0, 0) == base); // the margins
}

void TestSparkline::emptyHistoryPaintsNoLine()
{
    const QImage image = paint({}, {});
    const QColor line = SparklineDelegate::cpuColor(QApplication::palette());
    QCOMPARE(count(image, QRect(0, 0, width, height), line), 0);
}

void TestSparkline::sizeHint()
{
    SparklineDelegate delegate;
    QStyleOptionViewItem option;
    option.fontMetrics = QFontMetrics(QApplication::font());
    const QSize size = delegate.sizeHint(option, {});
    QVERIFY(size.width() >= 40 && size.width() <= 400);
    QVERIFY(size.height() >= option.fontMetrics.height());
}

QTEST_MAIN(TestSparkline)
#include "tst_monitor_sparkline.moc"
