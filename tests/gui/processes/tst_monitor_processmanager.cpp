// SPDX-License-Identifier: MIT
#include "processes/processmanager.h"

#include <QtTest/QTest>

class TestPlaceholder : public QObject
{
    Q_OBJECT
};

QTEST_MAIN(TestPlaceholder)
#include "tst_monitor_processmanager.moc"
