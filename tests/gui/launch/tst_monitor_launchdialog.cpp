// SPDX-License-Identifier: MIT
// LaunchDialog, driven through its real widgets: the spec it makes, its checks, recent commands.
#include "launch/launchdialog.h"

#include <QtCore/QDir>
#include <QtCore/QSettings>
#include <QtCore/QStandardPaths>
#include <QtTest/QTest>
#include <QtWidgets/QCheckBox>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QDialogButtonBox>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QPlainTextEdit>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QSpinBox>

using namespace Qt::StringLiterals;
using aproc::monitor::LaunchDialog;
using aproc::monitor::LaunchSpec;
using aproc::monitor::RestartPolicy;

namespace {

template<typename Widget> Widget *field(const LaunchDialog &dialog, const QString &name)
{
    auto *widget = dialog.findChild<Widget *>(name);
    if (!widget)
        qFatal("no field %s", qPrintable(name));
    return widget;
}

QPushButton *launchButton(const LaunchDialog &dialog)
{
    return dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
}

/*! \brief Types \a command into a fresh dialog's command field, and accepts it. */
void launch(const QString &command)
{
    LaunchDialog dialog;
    QTest::keyClicks(field<QComboBox>(dialog, u"commandEdit"_s)->lineEdit(), command);
    QVERIFY(launchButton(dialog)->isEnabled());
    QTest::mouseClick(launchButton(dialog), Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
}

} // namespace

class TestLaunchDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() { QSettings().clear(); }

    void makesTheSpecTypedIntoItsFields()
    {
        LaunchDialog dialog;
        QTest::keyClicks(field<QComboBox>(dialog, u"commandEdit"_s)->lineEdit(),
                         u"grep -r 'two words' ."_s);
        QTest::keyClicks(field<QLineEdit>(dialog, u"nameEdit"_s), u"search"_s);
        QTest::keyClicks(field<QLineEdit>(dialog, u"directoryEdit"_s), QDir::tempPath());
        auto *environment = field<QPlainTextEdit>(dialog, u"environmentEdit"_s);
        QTest::keyClicks(environment, u"LANG=C"_s);
        QTest::keyClick(environment, Qt::Key_Return);
        QTest::keyClicks(environment, u"GREP_COLOR=1;32"_s);
        QTest::mouseClick(field<QCheckBox>(dialog, u"ptyCheck"_s), Qt::LeftButton);
        auto *policy = field<QComboBox>(dialog, u"restartPolicyCombo"_s);
        policy->setFocus();
        QTest::keyClick(policy, Qt::Key_Down); // Never -> On failure
        auto *delay = field<QSpinBox>(dialog, u"restartDelaySpin"_s);
        delay->selectAll();
        QTest::keyClicks(delay, u"1500"_s);
        auto *maxRestarts = field<QSpinBox>(dialog, u"maxRestartsSpin"_s);
        maxRestarts->selectAll();
        QTest::keyClicks(maxRestarts, u"3"_s);

        LaunchSpec expected;
        expected.command = u"grep -r 'two words' ."_s;
        expected.name = u"search"_s;
        expected.workingDirectory = QDir::tempPath();
        expected.environment = QStringList{u"LANG=C"_s, u"GREP_COLOR=1;32"_s};
        expected.pty = true;
        expected.restartPolicy = RestartPolicy::OnFailure;
        expected.restartDelay = std::chrono::milliseconds(1500);
        expected.maxRestarts = 3;
        QCOMPARE(dialog.spec(), expected);
        QVERIFY(launchButton(dialog)->isEnabled());
        QVERIFY(field<QLabel>(dialog, u"problemLabel"_s)->text().isEmpty());
    }

    void showsTheSpecItIsGiven()
    {
        LaunchSpec spec;
        spec.command = u"echo $HOME | wc -c"_s;
        spec.name = u"count"_s;
        spec.shell = true;
        spec.workingDirectory = u"/"_s;
        spec.environment = QStringList{u"A=1"_s};
        spec.restartPolicy = RestartPolicy::Always;
        spec.restartDelay = std::chrono::milliseconds(200);
        spec.maxRestarts = 0;
        LaunchDialog dialog;
        dialog.setSpec(spec);
        QCOMPARE(dialog.spec(), spec);
        QVERIFY(field<QCheckBox>(dialog, u"shellCheck"_s)->isChecked());
        QCOMPARE(field<QComboBox>(dialog, u"commandEdit"_s)->currentText(), spec.command);
    }

    void refusesABadQuoteAndSaysWhy()
    {
        LaunchDialog dialog;
        auto *command = field<QComboBox>(dialog, u"commandEdit"_s);
        auto *problem = field<QLabel>(dialog, u"problemLabel"_s);
        QVERIFY(!launchButton(dialog)->isEnabled()); // empty
        QTest::keyClicks(command->lineEdit(), u"echo 'unterminated"_s);
        QVERIFY(!launchButton(dialog)->isEnabled());
        QCOMPARE(problem->text(), u"No closing quotation"_s);
        dialog.accept(); // refused
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QTest::keyClicks(command->lineEdit(), u"'"_s);
        QVERIFY(launchButton(dialog)->isEnabled());
        QVERIFY(problem->text().isEmpty());
    }

    void refusesABadEnvironmentEntry()
    {
        LaunchDialog dialog;
        QTest::keyClicks(field<QComboBox>(dialog, u"commandEdit"_s)->lineEdit(), u"env"_s);
        QTest::keyClicks(field<QPlainTextEdit>(dialog, u"environmentEdit"_s), u"NOEQUALS"_s);
        QVERIFY(!launchButton(dialog)->isEnabled());
        QVERIFY(field<QLabel>(dialog, u"problemLabel"_s)->text().contains(u"NOEQUALS"_s));
    }

    void warnsOfAMissingDirectoryButLaunches()
    {
        LaunchDialog dialog;
        dialog.show();
        QTest::keyClicks(field<QComboBox>(dialog, u"commandEdit"_s)->lineEdit(), u"ls"_s);
        QTest::keyClicks(field<QLineEdit>(dialog, u"directoryEdit"_s), u"/nonexistent/dir"_s);
        auto *warning = field<QLabel>(dialog, u"directoryWarningLabel"_s);
        QVERIFY(warning->isVisible());
        QVERIFY(!warning->text().isEmpty());
        QVERIFY(launchButton(dialog)->isEnabled());
        field<QLineEdit>(dialog, u"directoryEdit"_s)->setText(QDir::tempPath());
        QVERIFY(!warning->isVisible());
    }

    void enablesTheRestartFieldsOnlyWithAPolicy()
    {
        LaunchDialog dialog;
        auto *policy = field<QComboBox>(dialog, u"restartPolicyCombo"_s);
        auto *delay = field<QSpinBox>(dialog, u"restartDelaySpin"_s);
        auto *maxRestarts = field<QSpinBox>(dialog, u"maxRestartsSpin"_s);
        QCOMPARE(policy->currentText(), u"Never"_s);
        QVERIFY(!delay->isEnabled());
        QVERIFY(!maxRestarts->isEnabled());
        policy->setFocus();
        QTest::keyClick(policy, Qt::Key_Down);
        QCOMPARE(policy->currentText(), u"On failure"_s);
        QVERIFY(delay->isEnabled());
        QVERIFY(maxRestarts->isEnabled());
        QTest::keyClick(policy, Qt::Key_Down);
        QCOMPARE(policy->currentText(), u"Always"_s);
        QVERIFY(delay->isEnabled());
        QTest::keyClick(policy, Qt::Key_Home);
        QCOMPARE(dialog.spec().restartPolicy, RestartPolicy::Never);
        QVERIFY(!delay->isEnabled());
        QVERIFY(!maxRestarts->isEnabled());
    }

    void remembersRecentCommandsMostRecentFirst()
    {
        launch(u"first"_s);
        launch(u"second --flag"_s);
        launch(u"first"_s);
        LaunchDialog dialog;
        auto *command = field<QComboBox>(dialog, u"commandEdit"_s);
        QCOMPARE(command->count(), 2);
        QCOMPARE(command->itemText(0), u"first"_s);
        QCOMPARE(command->itemText(1), u"second --flag"_s);
        QCOMPARE(LaunchDialog::recentCommands(), QStringList({u"first"_s, u"second --flag"_s}));
        QVERIFY(command->currentText().isEmpty());
    }

    void remembersAtMostTwentyCommands()
    {
        for (int i = 1; i <= 25; ++i) {
            LaunchSpec spec;
            spec.command = u"command %1"_s.arg(i);
            LaunchDialog dialog;
            dialog.setSpec(spec);
            dialog.accept();
        }
        const QStringList recent = LaunchDialog::recentCommands();
        QCOMPARE(recent.size(), LaunchDialog::maximumRecentCommands);
        QCOMPARE(recent.first(), u"command 25"_s);
        QCOMPARE(recent.last(), u"command 6"_s);
    }

    void restoresTheWholeSpecOfARecentCommand()
    {
        LaunchSpec spec;
        spec.command = u"make -j1 check"_s;
        spec.name = u"checks"_s;
        spec.pty = true;
        spec.environment = QStringList{u"V=1"_s};
        spec.restartPolicy = RestartPolicy::OnFailure;
        spec.maxRestarts = 2;
        {
            LaunchDialog dialog;
            dialog.setSpec(spec);
            dialog.accept();
        }
        launch(u"ls"_s);
        LaunchDialog dialog;
        auto *command = field<QComboBox>(dialog, u"commandEdit"_s);
        command->setFocus();
        QTest::keyClick(command, Qt::Key_Down); // "ls"
        QTest::keyClick(command, Qt::Key_Down); // "make -j1 check"
        QCOMPARE(command->currentText(), spec.command);
        QCOMPARE(dialog.spec(), spec);
    }

    void hasMnemonicsForItsFields()
    {
        LaunchDialog dialog;
        const QList<QLabel *> labels = dialog.findChildren<QLabel *>();
        QStringList buddies;
        for (const QLabel *label : labels) {
            if (label->buddy())
                buddies.append(label->buddy()->objectName());
        }
        buddies.sort();
        QCOMPARE(buddies, QStringList({u"commandEdit"_s, u"directoryEdit"_s, u"environmentEdit"_s,
                                       u"maxRestartsSpin"_s, u"nameEdit"_s, u"restartDelaySpin"_s,
                                       u"restartPolicyCombo"_s}));
    }
};

QTEST_MAIN(TestLaunchDialog)
#include "tst_monitor_launchdialog.moc"
