// SPDX-License-Identifier: MIT
// The exception types of <aproc/errors.h>: the subclass Python picks for each errno, and messages
// that name the input.
#include <aproc/errors.h>

#include <QtTest/QtTest>

#include <cerrno>

using namespace aproc;

class tst_Errors : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void osErrorSubclass_data();
    void osErrorSubclass();
    void osErrorMessageNamesTheFile();
    void connectionResetWithMessage();
    void incompleteRead();
    void limitOverrun();
};

template<typename E> static bool thrownAs(int errorNumber)
{
    try {
        throwOSError(errorNumber, QStringLiteral("prog"));
    } catch (const E &) {
        return true;
    } catch (...) { }
    return false;
}

void tst_Errors::osErrorSubclass_data()
{
    QTest::addColumn<int>("errorNumber");
    QTest::addColumn<bool>("matches");
    QTest::newRow("ENOENT is FileNotFoundError") << ENOENT << thrownAs<FileNotFoundError>(ENOENT);
    QTest::newRow("EACCES is PermissionError") << EACCES << thrownAs<PermissionError>(EACCES);
    QTest::newRow("EPERM is PermissionError") << EPERM << thrownAs<PermissionError>(EPERM);
    QTest::newRow("ESRCH is ProcessLookupError") << ESRCH << thrownAs<ProcessLookupError>(ESRCH);
    QTest::newRow("ECHILD is ChildProcessError") << ECHILD << thrownAs<ChildProcessError>(ECHILD);
    QTest::newRow("EPIPE is BrokenPipeError") << EPIPE << thrownAs<BrokenPipeError>(EPIPE);
    QTest::newRow("EPIPE is a ConnectionError") << EPIPE << thrownAs<ConnectionError>(EPIPE);
    QTest::newRow("ECONNRESET is ConnectionResetError")
            << ECONNRESET << thrownAs<ConnectionResetError>(ECONNRESET);
    QTest::newRow("EMFILE is a plain OSError") << EMFILE << thrownAs<OSError>(EMFILE);
    QTest::newRow("EMFILE is not FileNotFoundError")
            << EMFILE << !thrownAs<FileNotFoundError>(EMFILE);
}

void tst_Errors::osErrorSubclass()
{
    QFETCH(int, errorNumber);
    QFETCH(bool, matches);
    QVERIFY2(matches, qPrintable(QStringLiteral("errno %1").arg(errorNumber)));
}

void tst_Errors::osErrorMessageNamesTheFile()
{
    try {
        throwOSError(ENOENT, QStringLiteral("/no/such/prog"));
        QFAIL("throwOSError returned");
    } catch (const OSError &error) {
        QCOMPARE(error.errorNumber(), ENOENT);
        QCOMPARE(error.filename(), QStringLiteral("/no/such/prog"));
        QVERIFY2(error.message().startsWith(QStringLiteral("[Errno 2] ")),
                 qPrintable(error.message()));
        QVERIFY2(error.message().endsWith(QStringLiteral(": '/no/such/prog'")),
                 qPrintable(error.message()));
        QCOMPARE(QString::fromUtf8(error.what()), error.message());
    }
}

void tst_Errors::connectionResetWithMessage()
{
    const ConnectionResetError error(QStringLiteral("Connection lost"));
    QCOMPARE(error.message(), QStringLiteral("Connection lost"));
    QCOMPARE(error.errorNumber(), ECONNRESET);
}

void tst_Errors::incompleteRead()
{
    const IncompleteReadError error(QByteArray(18, 'x'), 36);
    QCOMPARE(error.partial().size(), 18);
    QCOMPARE(error.expected(), std::optional<qsizetype>(36));
    QCOMPARE(error.message(), QStringLiteral("18 bytes read on a total of 36 expected bytes"));
    const IncompleteReadError untilSeparator(QByteArrayLiteral("abc"), std::nullopt);
    QVERIFY(!untilSeparator.expected());
    QCOMPARE(untilSeparator.message(),
             QStringLiteral("3 bytes read on a total of undefined expected bytes"));
}

void tst_Errors::limitOverrun()
{
    const LimitOverrunError error(
            QStringLiteral("Separator is not found, and chunk exceed the limit"), 9);
    QCOMPARE(error.consumed(), 9);
    QVERIFY(QByteArray(error.what()).contains("chunk exceed"));
}

QTEST_GUILESS_MAIN(tst_Errors)
#include "tst_errors.moc"
