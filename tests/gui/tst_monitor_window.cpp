// SPDX-License-Identifier: MIT
// Aproc Monitor's main window: title, menus and shortcuts, the About box, the Korean translation
// embedded in the program (the library's messages included) with Qt's own, and the window
// geometry kept in QSettings.
#include "application.h"
#include "processes/processcolumns.h"
#include "processes/sparklinedelegate.h"
#include "translations.h"
#include "window/mainwindow.h"
#include "window/monitoractions.h"

#include <aproc/errors.h>
#include <aproc/shell.h>
#include <aproc/version.h>

#include <QtCore/QFile>
#include <QtCore/QLibraryInfo>
#include <QtCore/QPointer>
#include <QtCore/QProcess>
#include <QtCore/QSettings>
#include <QtCore/QStandardPaths>
#include <QtCore/QTemporaryDir>
#include <QtCore/QXmlStreamReader>
#include <QtGui/QAction>
#include <QtGui/QStandardItemModel>
#include <QtGui/QStatusTipEvent>
#include <QtTest/QtTest>
#include <QtWidgets/QApplication>
#include <QtWidgets/QDialogButtonBox>
#include <QtWidgets/QHeaderView>
#include <QtWidgets/QLabel>
#include <QtWidgets/QMenu>
#include <QtWidgets/QMenuBar>
#include <QtWidgets/QMessageBox>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QSplitter>
#include <QtWidgets/QStatusBar>
#include <QtWidgets/QToolBar>
#include <QtWidgets/QTreeView>

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
    void processListAboveTheConsoles();
    void everyActionHasAShortcut();
    void toolbarHasIcons();
    void splitterAndColumnsPersist();
    void aboutBoxShowsTheVersion();
    void aboutBoxOpensOnce();
    void koreanTranslationIsEmbedded();
    void languageChangeRetranslatesTheWindow();
    void englishLocaleLoadsNoTranslation();
    void koreanTranslationIsComplete();
    void koreanTranslationCoversEverySourceString();
    void libraryMessagesShareOneContext();
    void libraryErrorsAreKorean();
    void qtOwnTranslationIsLoaded();
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

static QStringList headerTitles(const QAbstractItemView &view)
{
    QStringList titles;
    for (int column = 0; column < view.model()->columnCount(); ++column)
        titles.append(view.model()->headerData(column, Qt::Horizontal).toString());
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

    QTest::newRow("File > Open Procfile")
            << u"menuFile"_s << u"actionOpenProcfile"_s << u"&Open Procfile…"_s
            << QKeySequence(QKeySequence::Open);
    QTest::newRow("File > Save Procfile")
            << u"menuFile"_s << u"actionSaveProcfile"_s << u"&Save Procfile…"_s
            << QKeySequence(QKeySequence::Save);
    QTest::newRow("File > Quit") << u"menuFile"_s << u"actionQuit"_s << u"&Quit"_s
                                 << QKeySequence(Qt::CTRL | Qt::Key_Q);
    QTest::newRow("Process > Launch") << u"menuProcess"_s << u"actionLaunch"_s << u"&Launch…"_s
                                      << QKeySequence(QKeySequence::New);
    QTest::newRow("Process > Stop")
            << u"menuProcess"_s << u"actionStop"_s << u"St&op"_s << QKeySequence(Qt::Key_F6);
    QTest::newRow("Process > Restart") << u"menuProcess"_s << u"actionRestart"_s << u"&Restart"_s
                                       << QKeySequence(Qt::CTRL | Qt::Key_R);
    QTest::newRow("Process > Kill") << u"menuProcess"_s << u"actionKill"_s << u"&Kill"_s
                                    << QKeySequence(Qt::CTRL | Qt::Key_K);
    QTest::newRow("View > Find") << u"menuView"_s << u"actionFind"_s << u"&Find in Console…"_s
                                 << QKeySequence(QKeySequence::Find);
    QTest::newRow("Help > About") << u"menuHelp"_s << u"actionAbout"_s << u"&About Aproc Monitor"_s
                                  << QKeySequence(Qt::Key_F1);
    QTest::newRow("Help > About Qt") << u"menuHelp"_s << u"actionAboutQt"_s << u"About &Qt"_s
                                     << QKeySequence(Qt::SHIFT | Qt::Key_F1);
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
    QCOMPARE(window.statusBar()->currentMessage(), u"Stop every process and close Aproc Monitor"_s);
    QVERIFY(!statusLabel(window)->isVisible());

    QStatusTipEvent leave{QString()};
    QCoreApplication::sendEvent(&window, &leave);
    QVERIFY(statusLabel(window)->isVisible());
    QCOMPARE(statusLabel(window)->text(), u"Ready"_s);
}

void tst_MonitorWindow::processListAboveTheConsoles()
{
    MainWindow window;
    const auto *view = window.findChild<QTreeView *>(u"processView"_s);
    QVERIFY(view);
    const auto *splitter = window.findChild<QSplitter *>(u"mainSplitter"_s);
    QCOMPARE(window.centralWidget(), splitter);
    QVERIFY(splitter->widget(0)->isAncestorOf(view));
    QVERIFY(splitter->widget(1)->isAncestorOf(window.findChild<QWidget *>(u"stdinBar"_s)));
    QCOMPARE(view->model()->rowCount(), 0);
    const QStringList expected{u"Name"_s,  u"Command"_s, u"PID"_s,      u"State"_s,
                               u"Exit"_s,  u"Started"_s, u"Run time"_s, u"Restarts"_s,
                               u"CPU %"_s, u"Memory"_s,  u"Activity"_s};
    QCOMPARE(headerTitles(*view), expected);
    QCOMPARE(ProcessColumns::title(ProcessColumn::Pid), u"PID"_s);
    // the Activity column draws the CPU and memory sparkline
    QVERIFY(qobject_cast<aproc::monitor::SparklineDelegate *>(
            view->itemDelegateForColumn(int(ProcessColumn::Activity))));
}

// Every action can be reached from the keyboard, has a text and a status tip, and no two share
// a shortcut.
void tst_MonitorWindow::everyActionHasAShortcut()
{
    MainWindow window;
    QSet<QKeySequence> seen;
    for (const QAction *action : window.actions().all()) {
        QVERIFY2(!action->shortcut().isEmpty(), qPrintable(action->objectName()));
        QVERIFY2(!action->text().isEmpty(), qPrintable(action->objectName()));
        QVERIFY2(!action->statusTip().isEmpty(), qPrintable(action->objectName()));
        QVERIFY2(!seen.contains(action->shortcut()), qPrintable(action->objectName()));
        seen.insert(action->shortcut());
    }
}

// The toolbar's actions have the icons drawn in resources/icons/actions.
void tst_MonitorWindow::toolbarHasIcons()
{
    MainWindow window;
    const auto *toolBar = window.findChild<QToolBar *>(u"mainToolBar"_s);
    QVERIFY(toolBar);
    int buttons = 0;
    for (const QAction *action : toolBar->actions()) {
        if (action->isSeparator())
            continue;
        QVERIFY2(!action->icon().isNull(), qPrintable(action->objectName()));
        QVERIFY2(!action->icon().pixmap(24).isNull(), qPrintable(action->objectName()));
        ++buttons;
    }
    QVERIFY(buttons >= 10);
}

void tst_MonitorWindow::splitterAndColumnsPersist()
{
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.findChild<QTreeView *>(u"processView"_s)->header()->resizeSection(0, 222);
        window.close();
    }
    QVERIFY(QSettings().contains(u"MainWindow/splitter"_s));
    MainWindow restored;
    QCOMPARE(restored.findChild<QTreeView *>(u"processView"_s)->header()->sectionSize(0), 222);
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
    QCOMPARE(headerTitles(*window.findChild<QTreeView *>(u"processView"_s)).constFirst(),
             u"이름"_s);
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
            // a plural message holds its forms in <numerusform> elements
            QVERIFY2(!xml.readElementText(QXmlStreamReader::IncludeChildElements)
                              .trimmed()
                              .isEmpty(),
                     qPrintable(source));
            ++messages;
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY(messages >= 20);
}

// The messages of a .ts file: "context|source" -> whether it has a finished translation.
static QHash<QString, bool> tsMessages(const QString &path)
{
    QHash<QString, bool> messages;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return messages;
    QXmlStreamReader xml(&file);
    QString context, source;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (xml.name() == u"name") {
            context = xml.readElementText();
        } else if (xml.name() == u"source") {
            source = xml.readElementText();
        } else if (xml.name() == u"translation") {
            const bool finished = xml.attributes().value(u"type"_s).isEmpty();
            const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            messages.insert(context + u'|' + source, finished && !text.trimmed().isEmpty());
        }
    }
    return messages;
}

// The messages lupdate finds today in \a directories, as tsMessages() gives them.
static QHash<QString, bool> lupdateMessages(const QStringList &directories)
{
    QTemporaryDir dir;
    if (!dir.isValid())
        return {};
    const QString fresh = dir.filePath(u"fresh_ko.ts"_s);
    QProcess lupdate;
    lupdate.start(QStringLiteral(APROC_LUPDATE),
                  QStringList{u"-silent"_s, u"-no-obsolete"_s, u"-locations"_s, u"none"_s,
                              u"-extensions"_s, u"cpp,h"_s}
                          + directories + QStringList{u"-ts"_s, fresh});
    if (!lupdate.waitForFinished(60000) || lupdate.exitStatus() != QProcess::NormalExit
        || lupdate.exitCode() != 0)
        return {};
    return tsMessages(fresh);
}

static const QStringList libraryDirectories
        = {QStringLiteral(APROC_LIB_SOURCES), QStringLiteral(APROC_LIB_HEADERS)};

// lupdate over gui/ and the library today finds no message that translations/aproc_ko.ts lacks:
// a new tr() string, or a new library message, without its Korean translation fails here.
void tst_MonitorWindow::koreanTranslationCoversEverySourceString()
{
    const QHash<QString, bool> sources
            = lupdateMessages(QStringList{QStringLiteral(APROC_GUI_SOURCES)} + libraryDirectories);
    QVERIFY(sources.size() >= 150);
    const QHash<QString, bool> korean = tsMessages(QStringLiteral(APROC_KOREAN_TS));
    QStringList missing;
    for (auto it = sources.cbegin(); it != sources.cend(); ++it) {
        if (!korean.value(it.key(), false))
            missing.append(it.key());
    }
    missing.sort();
    QVERIFY2(missing.isEmpty(), qPrintable(u"%1 untranslated, first: %2"_s.arg(missing.size())
                                                   .arg(missing.mid(0, 5).join(u"; "_s))));
}

// The library's user-visible messages are all in the one context "aproc" (not a class's tr()),
// the context they are looked up in at run time.
void tst_MonitorWindow::libraryMessagesShareOneContext()
{
    const QHash<QString, bool> messages = lupdateMessages(libraryDirectories);
    QVERIFY(messages.size() >= 50);
    QStringList elsewhere;
    for (auto it = messages.cbegin(); it != messages.cend(); ++it) {
        if (!it.key().startsWith(u"aproc|"_s))
            elsewhere.append(it.key());
    }
    elsewhere.sort();
    QVERIFY2(elsewhere.isEmpty(), qPrintable(elsewhere.join(u"; "_s)));
}

static QString shellSplitError(const QString &command)
{
    try {
        aproc::shellSplit(command);
    } catch (const aproc::ValueError &error) {
        return error.message();
    }
    return {};
}

// The Korean monitor shows the library's errors in Korean: the embedded translation holds the
// library's "aproc" context.
void tst_MonitorWindow::libraryErrorsAreKorean()
{
    QCOMPARE(shellSplitError(u"echo 'unclosed"_s), u"No closing quotation"_s);
    Translations translations;
    QVERIFY(translations.install(QLocale(QLocale::Korean, QLocale::SouthKorea)));
    QCOMPARE(shellSplitError(u"echo 'unclosed"_s), u"닫는 따옴표가 없습니다"_s);
    QCOMPARE(shellSplitError(u"echo \\"_s), u"이스케이프할 문자가 없습니다"_s);
    translations.remove();
    QCOMPARE(shellSplitError(u"echo 'unclosed"_s), u"No closing quotation"_s);
}

// Qt's own translation (qtbase, Debian's qt6-translations-l10n) is installed with Aproc
// Monitor's, so the buttons Qt names itself (QDialogButtonBox's Cancel, Close) are Korean too.
void tst_MonitorWindow::qtOwnTranslationIsLoaded()
{
    const QString qtbase = QLibraryInfo::path(QLibraryInfo::TranslationsPath) + u"/qtbase_ko.qm"_s;
    if (!QFile::exists(qtbase))
        QSKIP(qPrintable(qtbase + u" is absent (install qt6-translations-l10n)"_s));
    Translations translations;
    QVERIFY(translations.install(QLocale(QLocale::Korean, QLocale::SouthKorea)));
    QCOMPARE_NE(QCoreApplication::translate("QPlatformTheme", "Cancel"), u"Cancel"_s);
    QDialogButtonBox buttons(QDialogButtonBox::Cancel | QDialogButtonBox::Close);
    QCOMPARE(buttons.button(QDialogButtonBox::Cancel)->text(),
             QCoreApplication::translate("QPlatformTheme", "Cancel"));
    QCOMPARE_NE(buttons.button(QDialogButtonBox::Close)->text(), u"Close"_s);
    translations.remove();
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), u"Cancel"_s);
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
