// SPDX-License-Identifier: MIT
// Procfile: honcho/foreman entries, Aproc Monitor's #aproc: options, issues with file and line.
#include "launch/procfile.h"

#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

using namespace Qt::StringLiterals;
using aproc::monitor::LaunchSpec;
using aproc::monitor::Procfile;
using aproc::monitor::ProcfileContents;
using aproc::monitor::ProcfileIssue;
using aproc::monitor::RestartPolicy;

namespace {

const QString directory = u"/srv/app"_s;
const QString fileName = u"/srv/app/Procfile"_s;

LaunchSpec entry(const QString &name, const QString &command)
{
    LaunchSpec spec;
    spec.name = name;
    spec.command = command;
    spec.shell = true;
    spec.workingDirectory = directory;
    return spec;
}

QStringList names(const ProcfileContents &contents)
{
    QStringList result;
    for (const LaunchSpec &spec : contents.entries)
        result.append(spec.name);
    return result;
}

} // namespace

class TestProcfile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesEntriesCommentsAndBlankLines()
    {
        const ProcfileContents contents = Procfile::parse(u"# the web site\n"
                                                          "\n"
                                                          "web: python -m http.server 8000\n"
                                                          "   \n"
                                                          "  # indented comment\n"
                                                          "worker_2:sh -c 'echo a: b'\r\n"
                                                          "clock-1 :   date  \n"_s,
                                                          fileName);
        QVERIFY2(contents.issues.isEmpty(), qPrintable(contents.issues.value(0).text()));
        const QList<LaunchSpec> expected
                = {entry(u"web"_s, u"python -m http.server 8000"_s),
                   entry(u"worker_2"_s, u"sh -c 'echo a: b'"_s), entry(u"clock-1"_s, u"date"_s)};
        QCOMPARE(contents.entries, expected);
    }

    void reportsMalformedLines_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("message");
        QTest::newRow("no colon") << u"web python app.py"_s << u"Expected \"name: command\"."_s;
        QTest::newRow("bad name") << u"my web: python app.py"_s
                                  << u"Invalid name \"my web\": use letters, digits, _ and -."_s;
        QTest::newRow("empty name")
                << u": python app.py"_s << u"Invalid name \"\": use letters, digits, _ and -."_s;
        QTest::newRow("empty command") << u"web:   "_s << u"The entry \"web\" has no command."_s;
        QTest::newRow("duplicate name")
                << u"first: again"_s << u"Duplicate name \"first\" (first on line 2)."_s;
    }

    void reportsMalformedLines()
    {
        QFETCH(QString, line);
        QFETCH(QString, message);
        const QString text = u"# header\nfirst: echo 1\n\n"_s + line + u"\nlast: echo 2\n"_s;
        const ProcfileContents contents = Procfile::parse(text, fileName);
        QCOMPARE(contents.issues.size(), 1);
        const ProcfileIssue issue = contents.issues.first();
        QCOMPARE(issue.fileName, fileName);
        QCOMPARE(issue.line, 4);
        QCOMPARE(issue.message, message);
        QCOMPARE(issue.text(), u"/srv/app/Procfile:4: "_s + message);
        QCOMPARE(names(contents), QStringList({u"first"_s, u"last"_s}));
    }

    void readsTheOptionsOfTheNextEntry()
    {
        const ProcfileContents contents = Procfile::parse(
                u"#aproc: restart=on-failure delay=250 max-restarts=7\n"
                "#aproc: pty=yes cwd=sub/dir env=A=1 'env=GREETING=hello world' env=B=x=y\n"
                "\n"
                "# an ordinary comment between them\n"
                "api: ./serve\n"
                "#aproc: restart=always cwd=/var/tmp delay=2s shell=no\n"
                "other: ./other --flag\n"
                "plain: ./plain\n"_s,
                fileName);
        QVERIFY2(contents.issues.isEmpty(), qPrintable(contents.issues.value(0).text()));
        QCOMPARE(contents.entries.size(), 3);
        LaunchSpec api = entry(u"api"_s, u"./serve"_s);
        api.restartPolicy = RestartPolicy::OnFailure;
        api.restartDelay = std::chrono::milliseconds(250);
        api.maxRestarts = 7;
        api.pty = true;
        api.workingDirectory = u"/srv/app/sub/dir"_s;
        api.environment = QStringList{u"A=1"_s, u"GREETING=hello world"_s, u"B=x=y"_s};
        QCOMPARE(contents.entries.at(0), api);
        LaunchSpec other = entry(u"other"_s, u"./other --flag"_s);
        other.restartPolicy = RestartPolicy::Always;
        other.restartDelay = std::chrono::milliseconds(2000);
        other.workingDirectory = u"/var/tmp"_s;
        other.shell = false;
        QCOMPARE(contents.entries.at(1), other);
        QCOMPARE(contents.entries.at(2), entry(u"plain"_s, u"./plain"_s));
    }

    void reportsBadOptions_data()
    {
        QTest::addColumn<QString>("options");
        QTest::addColumn<QString>("message");
        QTest::newRow("policy") << u"restart=sometimes"_s
                                << u"Bad value \"sometimes\" for restart (expected never, "
                                   "on-failure, always)."_s;
        QTest::newRow("negative delay")
                << u"delay=-5"_s << u"Bad value \"-5\" for delay (expected milliseconds)."_s;
        QTest::newRow("delay word")
                << u"delay=soon"_s << u"Bad value \"soon\" for delay (expected milliseconds)."_s;
        QTest::newRow("max-restarts")
                << u"max-restarts=many"_s
                << u"Bad value \"many\" for max-restarts (expected a number, 0 for no limit)."_s;
        QTest::newRow("pty") << u"pty=maybe"_s
                             << u"Bad value \"maybe\" for pty (expected yes, no)."_s;
        QTest::newRow("env") << u"env=NOVALUE"_s
                             << u"Bad value \"NOVALUE\" for env (expected NAME=value)."_s;
        QTest::newRow("empty cwd")
                << u"cwd="_s << u"Bad value \"\" for cwd (expected a directory)."_s;
        QTest::newRow("unknown key") << u"colour=red"_s << u"Unknown option \"colour\"."_s;
        QTest::newRow("not key=value")
                << u"restart"_s << u"Expected key=value instead of \"restart\"."_s;
        QTest::newRow("quote") << u"env='A=1"_s << u"Bad options: No closing quotation"_s;
    }

    void reportsBadOptions()
    {
        QFETCH(QString, options);
        QFETCH(QString, message);
        const QString text = u"first: echo 1\n#aproc: pty=yes "_s + options + u"\nweb: ./web\n"_s;
        const ProcfileContents contents = Procfile::parse(text, fileName);
        QCOMPARE(contents.issues.size(), 1);
        QCOMPARE(contents.issues.first().line, 2);
        QCOMPARE(contents.issues.first().message, message);
        QCOMPARE(names(contents), QStringList({u"first"_s, u"web"_s}));
        LaunchSpec web = entry(u"web"_s, u"./web"_s);
        web.pty = !message.startsWith(u"Bad options"_s); // the good words still apply
        QCOMPARE(contents.entries.at(1), web);
    }

    void reportsOptionsWithoutAnEntry()
    {
        const ProcfileContents contents = Procfile::parse(
                u"web: ./web\n#aproc: pty=yes\n\n# nothing follows\n"_s, fileName);
        QCOMPARE(contents.entries, QList<LaunchSpec>({entry(u"web"_s, u"./web"_s)}));
        QCOMPARE(contents.issues.size(), 1);
        QCOMPARE(contents.issues.first().line, 2);
        QCOMPARE(contents.issues.first().message, u"No entry follows these options."_s);
    }

    void serializesOnlyTheOptionsThatDifferFromTheDefaults()
    {
        LaunchSpec web = entry(u"web"_s, u"python app.py"_s);
        LaunchSpec worker = entry(u"worker"_s, u"./work"_s);
        worker.pty = true;
        QCOMPARE(Procfile::serialize({web, worker}, fileName),
                 u"web: python app.py\n#aproc: pty=yes\nworker: ./work\n"_s);
    }

    void roundTrips()
    {
        LaunchSpec web = entry(u"web"_s, u"python -m http.server 8000 # a comment"_s);
        LaunchSpec worker = entry(u"worker_1"_s, u"sh -c 'echo \"$HOME\"' | tr a-z A-Z"_s);
        worker.restartPolicy = RestartPolicy::OnFailure;
        worker.restartDelay = std::chrono::milliseconds(0);
        worker.maxRestarts = 0;
        worker.pty = true;
        worker.environment = QStringList{u"A=1"_s, u"QUOTE=it's \"here\""_s, u"EMPTY="_s};
        worker.workingDirectory = u"/srv/app/sub dir"_s;
        LaunchSpec outside = entry(u"out-side"_s, u"ls"_s);
        outside.restartPolicy = RestartPolicy::Always;
        outside.restartDelay = std::chrono::milliseconds(30000);
        outside.maxRestarts = 99;
        outside.shell = false;
        outside.workingDirectory = u"/var/tmp"_s;
        const QList<LaunchSpec> entries = {web, worker, outside};
        const QString text = Procfile::serialize(entries, fileName);
        const ProcfileContents contents = Procfile::parse(text, fileName);
        QVERIFY2(contents.issues.isEmpty(), qPrintable(contents.issues.value(0).text() + text));
        QCOMPARE(contents.entries, entries);
        QVERIFY2(text.contains(u"'cwd=sub dir'"_s), qPrintable(text));
    }

    void namesEntriesThatHaveNone()
    {
        LaunchSpec first;
        first.command = u"/usr/bin/tail -f /var/log/syslog"_s;
        LaunchSpec second = first;
        LaunchSpec spaced;
        spaced.name = u"my server"_s;
        spaced.command = u"./serve"_s;
        const ProcfileContents contents
                = Procfile::parse(Procfile::serialize({first, second, spaced}), fileName);
        QVERIFY(contents.issues.isEmpty());
        QCOMPARE(names(contents), QStringList({u"tail"_s, u"tail-2"_s, u"my-server"_s}));
    }

    void savesAndLoads()
    {
        QTemporaryDir temporary;
        QVERIFY(temporary.isValid());
        const QString path = temporary.filePath(u"Procfile"_s);
        LaunchSpec web = entry(u"web"_s, u"echo héllo"_s);
        web.workingDirectory = temporary.path();
        web.restartPolicy = RestartPolicy::Always;
        QString error;
        QVERIFY2(Procfile::save(path, {web}, &error), qPrintable(error));
        const ProcfileContents contents = Procfile::load(path);
        QVERIFY(contents.issues.isEmpty());
        QCOMPARE(contents.entries, QList<LaunchSpec>({web}));
    }

    void reportsAFileItCannotSave()
    {
        QString error;
        QVERIFY(!Procfile::save(u"/nonexistent-directory/Procfile"_s, {}, &error));
        QVERIFY2(error.contains(u"/nonexistent-directory/Procfile"_s), qPrintable(error));
    }

    void reportsAMissingFile()
    {
        const QString path = u"/nonexistent-directory/Procfile"_s;
        const ProcfileContents contents = Procfile::load(path);
        QVERIFY(contents.entries.isEmpty());
        QCOMPARE(contents.issues.size(), 1);
        QCOMPARE(contents.issues.first().fileName, path);
        QCOMPARE(contents.issues.first().line, 0);
        QVERIFY(!contents.issues.first().message.isEmpty());
        QCOMPARE(contents.issues.first().text(), path + u": "_s + contents.issues.first().message);
    }
};

QTEST_MAIN(TestProcfile)
#include "tst_monitor_procfile.moc"
