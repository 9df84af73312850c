// SPDX-License-Identifier: MIT
// SignalNames: the names and descriptions the signal menu and the exit column show.
#include "processes/signalnames.h"

#include <QtTest/QTest>

#include <csignal>

using namespace Qt::StringLiterals;
using aproc::monitor::SignalNames;

class TestSignalNames : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void common_data();
    void common();
    void commonOrder();
    void realTime();
    void unknown();
    void all();
    void everyStandardSignalIsDescribed();
};

void TestSignalNames::common_data()
{
    QTest::addColumn<int>("signo");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("description");
    QTest::newRow("TERM") << int(SIGTERM) << u"SIGTERM"_s << u"Terminate"_s;
    QTest::newRow("KILL") << int(SIGKILL) << u"SIGKILL"_s << u"Kill"_s;
    QTest::newRow("INT") << int(SIGINT) << u"SIGINT"_s << u"Interrupt"_s;
    QTest::newRow("HUP") << int(SIGHUP) << u"SIGHUP"_s << u"Hang up"_s;
    QTest::newRow("STOP") << int(SIGSTOP) << u"SIGSTOP"_s << u"Stop"_s;
    QTest::newRow("CONT") << int(SIGCONT) << u"SIGCONT"_s << u"Continue"_s;
    QTest::newRow("USR1") << int(SIGUSR1) << u"SIGUSR1"_s << u"User 1"_s;
    QTest::newRow("USR2") << int(SIGUSR2) << u"SIGUSR2"_s << u"User 2"_s;
    QTest::newRow("SEGV") << int(SIGSEGV) << u"SIGSEGV"_s << u"Segmentation fault"_s;
}

void TestSignalNames::common()
{
    QFETCH(int, signo);
    QFETCH(QString, name);
    QFETCH(QString, description);
    QCOMPARE(SignalNames::name(signo), name);
    QCOMPARE(SignalNames::description(signo), description);
}

void TestSignalNames::commonOrder()
{
    const QList<int> expected{SIGTERM, SIGKILL, SIGINT, SIGHUP, SIGSTOP, SIGCONT, SIGUSR1, SIGUSR2};
    QCOMPARE(SignalNames::common(), expected);
}

void TestSignalNames::realTime()
{
    QCOMPARE(SignalNames::name(SIGRTMIN), u"SIGRTMIN"_s);
    QCOMPARE(SignalNames::name(SIGRTMIN + 3), u"SIGRTMIN+3"_s);
    QCOMPARE(SignalNames::name(SIGRTMAX), u"SIGRTMAX"_s);
    QCOMPARE(SignalNames::description(SIGRTMIN + 3), u"Real-time signal 3"_s);
}

void TestSignalNames::unknown()
{
    QCOMPARE(SignalNames::name(99), u"signal 99"_s);
    QCOMPARE(SignalNames::name(0), u"signal 0"_s);
    QCOMPARE(SignalNames::description(99), u"Unknown signal"_s);
}

void TestSignalNames::all()
{
    const QList<int> all = SignalNames::all();
    QCOMPARE(all.size(), SIGRTMAX);
    QCOMPARE(all.first(), 1);
    QCOMPARE(all.last(), SIGRTMAX);
    for (int signo : SignalNames::common())
        QVERIFY(all.contains(signo));
}

void TestSignalNames::everyStandardSignalIsDescribed()
{
    for (int signo = 1; signo < SIGRTMIN; ++signo) {
        if (signo == 32 || signo == 33) // reserved by glibc for its threads
            continue;
        const QString name = SignalNames::name(signo);
        QVERIFY2(name.startsWith(u"SIG"_s), qPrintable(name));
        QVERIFY2(SignalNames::description(signo) != u"Unknown signal"_s, qPrintable(name));
    }
}

QTEST_MAIN(TestSignalNames)
#include "tst_monitor_signalnames.moc"
