// SPDX-License-Identifier: MIT
// aproc-monitor [--procfile FILE] [--demo] [-- COMMAND ARGS...]: parsing, and the real binary's
// answers to --help and --version (no display needed, in the system locale's language).
#include "application.h"
#include "commandline.h"

#include <aproc/version.h>

#include <QtCore/QProcess>
#include <QtTest/QtTest>

#include <vector>

using namespace Qt::StringLiterals;
using namespace aproc::monitor;

using Status = CommandLineResult::Status;
Q_DECLARE_METATYPE(aproc::monitor::CommandLineResult::Status)

class tst_MonitorCommandLine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void parse_data();
    void parse();
    void answersWithoutWindow_data();
    void answersWithoutWindow();
    void binaryPrintsVersionWithoutDisplay();
    void binaryHelpFollowsSystemLocale_data();
    void binaryHelpFollowsSystemLocale();
    void binaryRejectsUnknownOption();
};

static QStringList withProgram(const QStringList &arguments)
{
    return QStringList{u"aproc-monitor"_s} + arguments;
}

// The environment of a terminal without any display, in the given locale.
static QProcessEnvironment terminalEnvironment(const QString &lang)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString &name : {u"DISPLAY"_s, u"WAYLAND_DISPLAY"_s, u"QT_QPA_PLATFORM"_s,
                                u"LC_ALL"_s, u"LC_MESSAGES"_s, u"LANGUAGE"_s})
        environment.remove(name);
    environment.insert(u"LANG"_s, lang);
    return environment;
}

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

static Run runMonitor(const QStringList &arguments, const QString &lang)
{
    QProcess process;
    process.setProcessEnvironment(terminalEnvironment(lang));
    process.start(QStringLiteral(APROC_MONITOR), arguments);
    Run run;
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit)
        return run;
    run.exitCode = process.exitCode();
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

void tst_MonitorCommandLine::initTestCase()
{
    setUpApplicationIdentity();
}

void tst_MonitorCommandLine::parse_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<Status>("status");
    QTest::addColumn<QString>("procfile");
    QTest::addColumn<bool>("demo");
    QTest::addColumn<QStringList>("command");
    QTest::addColumn<QString>("textContains");

    QTest::newRow("nothing") << QStringList() << Status::Run << QString() << false << QStringList()
                             << QString();
    QTest::newRow("procfile") << QStringList{u"--procfile"_s, u"dev.procfile"_s} << Status::Run
                              << u"dev.procfile"_s << false << QStringList() << QString();
    QTest::newRow("procfile=") << QStringList{u"--procfile=a b"_s} << Status::Run << u"a b"_s
                               << false << QStringList() << QString();
    QTest::newRow("demo") << QStringList{u"--demo"_s} << Status::Run << QString() << true
                          << QStringList() << QString();
    QTest::newRow("command after --")
            << QStringList{u"--demo"_s, u"--"_s, u"sleep"_s, u"10"_s} << Status::Run << QString()
            << true << QStringList{u"sleep"_s, u"10"_s} << QString();
    QTest::newRow("options after -- belong to the command")
            << QStringList{u"--"_s, u"ls"_s, u"-l"_s, u"--demo"_s, u"--help"_s} << Status::Run
            << QString() << false << QStringList{u"ls"_s, u"-l"_s, u"--demo"_s, u"--help"_s}
            << QString();
    QTest::newRow("options after the command belong to it")
            << QStringList{u"ls"_s, u"-l"_s} << Status::Run << QString() << false
            << QStringList{u"ls"_s, u"-l"_s} << QString();
    QTest::newRow("--help") << QStringList{u"--help"_s} << Status::Help << QString() << false
                            << QStringList() << u"--procfile <FILE>"_s;
    QTest::newRow("-h") << QStringList{u"-h"_s} << Status::Help << QString() << false
                        << QStringList() << u"[-- COMMAND ARGS...]"_s;
    QTest::newRow("--version") << QStringList{u"--version"_s} << Status::Version << QString()
                               << false << QStringList() << aproc::versionString();
    QTest::newRow("unknown option") << QStringList{u"--bogus"_s} << Status::Error << QString()
                                    << false << QStringList() << u"'bogus'"_s;
    QTest::newRow("procfile without a file")
            << QStringList{u"--procfile"_s} << Status::Error << QString() << false << QStringList()
            << u"aproc-monitor --help"_s;
}

void tst_MonitorCommandLine::parse()
{
    QFETCH(QStringList, arguments);
    QFETCH(Status, status);
    QFETCH(QString, procfile);
    QFETCH(bool, demo);
    QFETCH(QStringList, command);
    QFETCH(QString, textContains);

    const CommandLineResult result = CommandLine::parse(withProgram(arguments));
    QCOMPARE(result.status, status);
    QCOMPARE(result.options.procfile, procfile);
    QCOMPARE(result.options.demo, demo);
    QCOMPARE(result.options.command, command);
    QVERIFY2(result.text.contains(textContains), qPrintable(result.text));
    QCOMPARE(result.text.isEmpty(), status == Status::Run);
}

void tst_MonitorCommandLine::answersWithoutWindow_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<bool>("withoutWindow");

    QTest::newRow("nothing") << QStringList() << false;
    QTest::newRow("procfile and command")
            << QStringList{u"--procfile"_s, u"x"_s, u"--"_s, u"top"_s} << false;
    QTest::newRow("--help") << QStringList{u"--help"_s} << true;
    QTest::newRow("--help-all") << QStringList{u"--help-all"_s} << true;
    QTest::newRow("--version") << QStringList{u"--version"_s} << true;
    QTest::newRow("-v") << QStringList{u"-v"_s} << true;
    QTest::newRow("usage error") << QStringList{u"--bogus"_s} << true;
    QTest::newRow("--help of the command") << QStringList{u"--"_s, u"ls"_s, u"--help"_s} << false;
}

void tst_MonitorCommandLine::answersWithoutWindow()
{
    QFETCH(QStringList, arguments);
    QFETCH(bool, withoutWindow);

    std::vector<QByteArray> storage;
    std::vector<char *> argv;
    for (const QString &argument : withProgram(arguments))
        storage.push_back(argument.toLocal8Bit());
    for (QByteArray &argument : storage)
        argv.push_back(argument.data());
    argv.push_back(nullptr);
    QCOMPARE(CommandLine::answersWithoutWindow(int(storage.size()), argv.data()), withoutWindow);
}

void tst_MonitorCommandLine::binaryPrintsVersionWithoutDisplay()
{
    const Run run = runMonitor({u"--version"_s}, u"C.UTF-8"_s);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out, u"Aproc Monitor "_s + aproc::versionString() + u'\n');
    QCOMPARE(run.err, QString());
}

void tst_MonitorCommandLine::binaryHelpFollowsSystemLocale_data()
{
    QTest::addColumn<QString>("lang");
    QTest::addColumn<QString>("demoHelp");

    QTest::newRow("English") << u"C.UTF-8"_s << u"Start a few demonstration processes."_s;
    QTest::newRow("Korean") << u"ko_KR.UTF-8"_s << u"데모 프로세스 몇 개를 시작합니다."_s;
}

void tst_MonitorCommandLine::binaryHelpFollowsSystemLocale()
{
    QFETCH(QString, lang);
    QFETCH(QString, demoHelp);

    const Run run = runMonitor({u"--help"_s}, lang);
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains(demoHelp), qPrintable(run.out));
    QVERIFY2(run.out.contains(u"--procfile"_s), qPrintable(run.out));
}

void tst_MonitorCommandLine::binaryRejectsUnknownOption()
{
    const Run run = runMonitor({u"--bogus"_s}, u"C.UTF-8"_s);
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(run.out, QString());
    QVERIFY2(run.err.contains(u"bogus"_s), qPrintable(run.err));
    QVERIFY2(run.err.contains(u"--help"_s), qPrintable(run.err));
}

QTEST_MAIN(tst_MonitorCommandLine)
#include "tst_monitor_commandline.moc"
