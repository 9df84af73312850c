// SPDX-License-Identifier: MIT
// Aproc Monitor's main window: title, menus and shortcuts, the About box, the Korean translation
// embedded in the program, and the window geometry kept in QSettings.
#include "application.h"
#include "mainwindow.h"
#include "processcolumns.h"
#include "translations.h"

#include <aproc/version.h>

#include <QtCore/QFile>
#include <QtCore/QPointer>
#include <QtCore/QSettings>
#include <QtCore/QStandardPaths>
#include <QtCore/QXmlStreamReader>
#include <QtGui/QAction>
#include <QtGui/QStandardItemModel>
#include <QtGui/QStatusTipEvent>
#include <QtTest/QtTest>
#include <QtWidgets/QApplication>
#include <QtWidgets/QLabel>
#include <QtWidgets/QMenu>
#include <QtWidgets/QMenuBar>
#include <QtWidgets/QMessageBox>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QStatusBar>
#include <QtWidgets/QTableView>

using namespace Qt::StringLiterals;
using namespace aproc::monitor;

class tst_MonitorWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void titleAndIcon();
    void menuActions_data();
    void menuActions();
    void quitClosesTheWindow();
    void statusBarSaysReady();
    void statusTipsLeaveTheStatusText();
    void processTableHasTheFutureColumns();
    void aboutBoxShowsTheVersion();
    void aboutBoxOpensOnce();
    void koreanTranslationIsEmbedded();
    void languageChangeRetranslatesTheWindow();
    void englishLocaleLoadsNoTranslation();
    void koreanTranslationIsComplete();
    void geometryPersists();
};

static QMessageBox *visibleMessageBox()
{
    const QList<QWidget *> windows = QApplication::topLevelWidgets();
    for (QWidget *window : windows) {
        auto *box = qobject_cast<QMessageBox *>(window);
        if (box && box->isVisible())
            return box;
    }
    return nullptr;
}

static QStringList headerTitles(const QTableView &table)
{
    QStringList titles;
    for (int column = 0; column < table.model()->columnCount(); ++column)
        titles.append(table.model()->headerData(column, Qt::Horizontal).toString());
    return titles;
}

void tst_MonitorWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    setUpApplicationIdentity();
    QApplication::setQuitOnLastWindowClosed(false);
    const QString settingsFile = QSettings().fileName();
    QVERIFY2(settingsFile.contains(u"qttest"_s), qPrintable(settingsFile));
}

void tst_MonitorWindow::init()
{
    QSettings().clear();
}

void tst_MonitorWindow::titleAndIcon()
{
    MainWindow window;
    QCOMPARE(window.windowTitle(), u"Aproc Monitor"_s);
    QVERIFY(!window.windowIcon().isNull());
    QCOMPARE(window.windowIcon().availableSizes().size(), 7);
    QCOMPARE(QCoreApplication::organizationName(), u"Aproc"_s);
    QCOMPARE(QCoreApplication::applicationName(), u"Aproc Monitor"_s);
}

void tst_MonitorWindow::menuActions_data()
{
    QTest::addColumn<QString>("menu");
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QKeySequence>("shortcut");

    QTest::newRow("File > Quit") << u"menuFile"_s << u"actionQuit"_s << u"&Quit"_s
                                 << QKeySequence(Qt::CTRL | Qt::Key_Q);
    QTest::newRow("Help > About") << u"menuHelp"_s << u"actionAbout"_s << u"&About Aproc Monitor"_s
                                  << QKeySequence();
    QTest::newRow("Help > About Qt")
        << u"menuHelp"_s << u"actionAboutQt"_s << u"About &Qt"_s << QKeySequence();
}

void tst_MonitorWindow::menuActions()
{
    QFETCH(QString, menu);
    QFETCH(QString, action);
    QFETCH(QString, text);
    QFETCH(QKeySequence, shortcut);

    MainWindow window;
    const auto *menuWidget = window.findChild<QMenu *>(menu);
    QVERIFY2(menuWidget, qPrintable(menu));
    QVERIFY(window.menuBar()->actions().contains(menuWidget->menuAction()));
    auto *actionObject = window.findChild<QAction *>(action);
    QVERIFY2(actionObject, qPrintable(action));
    QVERIFY(menuWidget->actions().contains(actionObject));
    QCOMPARE(actionObject->text(), text);
    QCOMPARE(actionObject->shortcut(), shortcut);
}

void tst_MonitorWindow::quitClosesTheWindow()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.findChild<QAction *>(u"actionQuit"_s)->trigger();
    QVERIFY(!window.isVisible());
}

static QLabel *statusLabel(const MainWindow &window)
{
    return window.statusBar()->findChild<QLabel *>(u"statusLabel"_s);
}

void tst_MonitorWindow::statusBarSaysReady()
{
    MainWindow window;
    QVERIFY(statusLabel(window));
    QCOMPARE(statusLabel(window)->text(), u"Ready"_s);
}

// Hovering a menu item shows its status tip, leaving it sends an empty one: the text comes back.
void tst_MonitorWindow::statusTipsLeaveTheStatusText()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(statusLabel(window)->isVisible());

    QStatusTipEvent hover(window.findChild<QAction *>(u"actionQuit"_s)->statusTip());
    QCoreApplication::sendEvent(&window, &hover);
    QCOMPARE(window.statusBar()->currentMessage(), u"Close Aproc Monitor"_s);
    QVERIFY(!statusLabel(window)->isVisible());

    QStatusTipEvent leave { QString() };
    QCoreApplication::sendEvent(&window, &leave);
    QVERIFY(statusLabel(window)->isVisible());
    QCOMPARE(statusLabel(window)->text(), u"Ready"_s);
}

void tst_MonitorWindow::processTableHasTheFutureColumns()
{
    MainWindow window;
    const auto *table = window.findChild<QTableView *>(u"processTable"_s);
    QVERIFY(table);
    QCOMPARE(window.centralWidget(), table);
    QCOMPARE(table->model()->rowCount(), 0);
    const QStringList expected { u"Name"_s, u"Command"_s, u"PID"_s, u"State"_s, u"Exit"_s,
        u"Started"_s, u"Run time"_s, u"CPU %"_s, u"Memory"_s };
    QCOMPARE(headerTitles(*table), expected);
    QCOMPARE(ProcessColumns::title(ProcessColumn::Pid), u"PID"_s);
}

void tst_MonitorWindow::aboutBoxShowsTheVersion()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.findChild<QAction *>(u"actionAbout"_s)->trigger();

    QTRY_VERIFY(visibleMessageBox());
    QPointer<QMessageBox> box = visibleMessageBox();
    QCOMPARE(box->windowTitle(), u"About Aproc Monitor"_s);
    QVERIFY2(box->text().contains(aproc::versionString()), qPrintable(box->text()));
    QVERIFY(!box->iconPixmap().isNull());
    box->button(QMessageBox::Close)->click();
    QTRY_VERIFY(box.isNull());
}

void tst_MonitorWindow::aboutBoxOpensOnce()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.showAboutBox();
    window.showAboutBox();
    QTRY_VERIFY(visibleMessageBox());
    QCOMPARE(window.findChildren<QMessageBox *>().size(), 1);
    QPointer<QMessageBox> box = visibleMessageBox();
    box->close();
    QTRY_VERIFY(box.isNull());
}

void tst_MonitorWindow::koreanTranslationIsEmbedded()
{
    Translations translations;
    QVERIFY(translations.install(QLocale(QLocale::Korean, QLocale::SouthKorea)));
    MainWindow window;
    QCOMPARE(window.findChild<QMenu *>(u"menuFile"_s)->title(), u"파일(&F)"_s);
    QCOMPARE(window.findChild<QMenu *>(u"menuHelp"_s)->title(), u"도움말(&H)"_s);
    QCOMPARE(window.windowTitle(), u"Aproc 모니터"_s);
    QCOMPARE(statusLabel(window)->text(), u"준비"_s);
    QCOMPARE(
        headerTitles(*window.findChild<QTableView *>(u"processTable"_s)).constFirst(), u"이름"_s);
}

void tst_MonitorWindow::languageChangeRetranslatesTheWindow()
{
    MainWindow window;
    const auto *fileMenu = window.findChild<QMenu *>(u"menuFile"_s);
    QCOMPARE(fileMenu->title(), u"&File"_s);

    Translations translations;
    QVERIFY(translations.install(QLocale(QLocale::Korean)));
    QTRY_COMPARE(fileMenu->title(), u"파일(&F)"_s);
    translations.remove();
    QTRY_COMPARE(fileMenu->title(), u"&File"_s);
}

void tst_MonitorWindow::englishLocaleLoadsNoTranslation()
{
    Translations translations;
    QVERIFY(!translations.install(QLocale(QLocale::English, QLocale::UnitedStates)));
    MainWindow window;
    QCOMPARE(window.findChild<QMenu *>(u"menuFile"_s)->title(), u"&File"_s);
}

// Every message of translations/aproc_ko.ts has a finished, non-empty Korean translation.
void tst_MonitorWindow::koreanTranslationIsComplete()
{
    QFile file(QStringLiteral(APROC_KOREAN_TS));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
    QXmlStreamReader xml(&file);
    int messages = 0;
    QString source;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (xml.name() == u"source") {
            source = xml.readElementText();
        } else if (xml.name() == u"translation") {
            const QString type = xml.attributes().value(u"type"_s).toString();
            QVERIFY2(type.isEmpty(), qPrintable(source + u": "_s + type));
            QVERIFY2(!xml.readElementText().isEmpty(), qPrintable(source));
            ++messages;
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY(messages >= 20);
}

void tst_MonitorWindow::geometryPersists()
{
    const QSize size(640, 420);
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.resize(size);
        QTRY_COMPARE(window.size(), size);
        window.close();
    }
    QVERIFY(QSettings().contains(u"MainWindow/geometry"_s));
    QVERIFY(QSettings().contains(u"MainWindow/state"_s));

    MainWindow restored;
    QCOMPARE(restored.size(), size);
}

QTEST_MAIN(tst_MonitorWindow)
#include "tst_monitor_window.moc"
