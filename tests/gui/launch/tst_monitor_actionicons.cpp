// SPDX-License-Identifier: MIT
// actionIcon(): every toolbar icon is embedded at 24 and 48 px.
#include "launch/actionicons.h"

#include <QtGui/QImage>
#include <QtTest/QTest>

using namespace Qt::StringLiterals;
using aproc::monitor::actionIcon;
using aproc::monitor::actionIconNames;

class TestActionIcons : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hasEveryIconAtBothSizes()
    {
        // one per SVG drawn in resources/icons/actions
        const QStringList expected
                = {u"clear-finished"_s, u"eof"_s,           u"follow-tail"_s, u"kill"_s,
                   u"launch"_s,         u"open-procfile"_s, u"remove"_s,      u"restart"_s,
                   u"save-procfile"_s,  u"search"_s,        u"send"_s,        u"signal"_s,
                   u"start"_s,          u"start-all"_s,     u"stop"_s,        u"stop-all"_s,
                   u"timestamps"_s};
        QCOMPARE(actionIconNames(), expected);
        for (const QString &name : actionIconNames()) {
            const QIcon icon = actionIcon(name);
            QVERIFY2(!icon.isNull(), qPrintable(name));
            QCOMPARE(icon.availableSizes(), QList<QSize>({QSize(24, 24), QSize(48, 48)}));
            const QImage image = icon.pixmap(QSize(48, 48)).toImage();
            QCOMPARE(image.size(), QSize(48, 48));
            QVERIFY2(image.hasAlphaChannel(), qPrintable(name));
            QVERIFY2(image.pixelColor(0, 0).alpha() == 0, qPrintable(name)); // transparent corner
            int opaque = 0;
            for (int y = 0; y < image.height(); ++y) {
                for (int x = 0; x < image.width(); ++x)
                    opaque += image.pixelColor(x, y).alpha() > 128 ? 1 : 0;
            }
            QVERIFY2(opaque > 48 * 48 / 20, qPrintable(name)); // something is drawn
        }
    }

    void hasNoIconForAnUnknownName() { QVERIFY(actionIcon(u"no-such-action"_s).isNull()); }
};

QTEST_MAIN(TestActionIcons)
#include "tst_monitor_actionicons.moc"
