// SPDX-License-Identifier: MIT
#include "processes/managedprocess.h"

#include <QtTest/QTest>

class TestPlaceholder : public QObject
{
    Q_OBJECT
};

QTEST_MAIN(TestPlaceholder)
#include "tst_monitor_managedprocess.moc"
