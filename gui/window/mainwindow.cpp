// SPDX-License-Identifier: MIT
#include "window/mainwindow.h"

#include "settingskeys.h"

#include "application.h"
#include "commandline.h"
#include "console/consoleview.h"
#include "launch/launchdialog.h"
#include "processes/managedprocess.h"
#include "processes/processfilterproxymodel.h"
#include "processes/processlistmodel.h"
#include "processes/processmanager.h"
#include "processes/sparklinedelegate.h"
#include "window/aboutbox.h"
#include "window/consolepanel.h"
#include "window/failurenotifier.h"
#include "window/monitoractions.h"
#include "window/sessions.h"
#include "window/shutdowndialog.h"
#include "window/signalmenu.h"
#include "window/stdinbar.h"
#include "window/windowsettings.h"

#include <QtCore/QEvent>
#include <QtCore/QSettings>
#include <QtGui/QAction>
#include <QtGui/QCloseEvent>
#include <QtWidgets/QApplication>
#include <QtWidgets/QFileDialog>
#include <QtWidgets/QHeaderView>
#include <QtWidgets/QInputDialog>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QMenuBar>
#include <QtWidgets/QMessageBox>
#include <QtWidgets/QSplitter>
#include <QtWidgets/QStatusBar>
#include <QtWidgets/QToolBar>
#include <QtWidgets/QTreeView>
#include <QtWidgets/QVBoxLayout>

#include <csignal>

using namespace Qt::StringLiterals;

namespace aproc::monitor {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent), m_manager(new ProcessManager(this)),
      m_sessions(new Sessions(m_manager, this))
{
    setObjectName(u"MainWindow"_s);
    setWindowIcon(applicationIcon());
    createActions();
    createCentralWidgets();
    createMenus();
    createToolBar();
    createStatusBar();
    connectProcessManager();
    retranslateUi();
    restoreSettings();
    updateActions();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    m_actions = new MonitorActions(this);
    const MonitorActions &a = *m_actions;
    connect(a.openProcfile, &QAction::triggered, m_sessions, &Sessions::askToOpen);
    connect(a.saveProcfile, &QAction::triggered, m_sessions, &Sessions::askToSave);
    connect(a.openDemo, &QAction::triggered, this, &MainWindow::openDemoSession);
    connect(a.quit, &QAction::triggered, this, &QWidget::close);
    connect(a.launch, &QAction::triggered, this, &MainWindow::openLaunchDialog);
    connect(a.start, &QAction::triggered, this, [this] {
        if (ManagedProcess *process = currentProcess())
            process->start();
    });
    connect(a.stop, &QAction::triggered, this, &MainWindow::stopCurrent);
    connect(a.restart, &QAction::triggered, this, [this] {
        if (ManagedProcess *process = currentProcess())
            process->restart();
    });
    connect(a.kill, &QAction::triggered, this, [this] {
        if (ManagedProcess *process = currentProcess())
            process->kill(); // the whole tree, as Stop
    });
    connect(a.sendSignal, &QAction::triggered, this, &MainWindow::popUpSignalMenu);
    connect(a.remove, &QAction::triggered, this, &MainWindow::removeCurrent);
    connect(a.clearFinished, &QAction::triggered, m_manager, &ProcessManager::clearFinished);
    connect(a.startAll, &QAction::triggered, m_manager, &ProcessManager::startAll);
    connect(a.stopAll, &QAction::triggered, this, [this] { m_manager->stopAll(m_stopGrace); });
    connect(a.about, &QAction::triggered, this, &MainWindow::showAboutBox);
    connect(a.aboutQt, &QAction::triggered, qApp, &QApplication::aboutQt);
    connect(a.scrollback, &QAction::triggered, this, &MainWindow::askForScrollback);
    connect(a.saveConsole, &QAction::triggered, this, &MainWindow::saveVisibleConsole);
}

void MainWindow::createCentralWidgets()
{
    m_model = new ProcessListModel(m_manager, this);
    m_proxy = new ProcessFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);

    m_filter = new QLineEdit(this);
    m_filter->setObjectName(u"filterEdit"_s);
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &ProcessFilterProxyModel::setFilterText);

    m_view = new QTreeView(this);
    m_view->setObjectName(u"processView"_s);
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder);
    m_view->setAlternatingRowColors(true);
    m_view->setUniformRowHeights(true);
    m_view->setAllColumnsShowFocus(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->header()->setStretchLastSection(false);
    m_view->setItemDelegateForColumn(int(ProcessColumn::Activity), new SparklineDelegate(m_view));
    connect(m_view, &QWidget::customContextMenuRequested, this, &MainWindow::showContextMenu);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MainWindow::currentRowChanged);
    // The first process of a session is current from the start: its console shows and the
    // process actions apply, instead of an empty console.
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &parent, int first) {
                if (!parent.isValid() && !m_view->currentIndex().isValid())
                    m_view->selectionModel()->setCurrentIndex(m_proxy->index(first, 0),
                                                              QItemSelectionModel::ClearAndSelect
                                                                      | QItemSelectionModel::Rows);
            });

    auto *listPane = new QWidget(this);
    auto *listLayout = new QVBoxLayout(listPane);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->addWidget(m_filter);
    listLayout->addWidget(m_view, 1);

    m_consoles = new ConsolePanel(m_manager, this);
    const MonitorActions &a = *m_actions;
    connect(a.find, &QAction::triggered, this,
            [this] { m_consoles->visibleConsole()->showSearchBar(); });
    connect(a.followTail, &QAction::toggled, m_consoles, &ConsolePanel::setFollowTail);
    connect(m_consoles, &ConsolePanel::followTailChanged, a.followTail, &QAction::setChecked);
    connect(a.timestamps, &QAction::toggled, m_consoles, &ConsolePanel::setShowTimestamps);
    connect(a.clearConsole, &QAction::triggered, this,
            [this] { m_consoles->visibleConsole()->clear(); });
    connect(a.focusFilter, &QAction::triggered, this,
            [this] { m_filter->setFocus(Qt::ShortcutFocusReason); });
    connect(a.focusInput, &QAction::triggered, m_consoles->stdinBar(), &StdinBar::focusLine);

    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->setObjectName(u"mainSplitter"_s);
    m_splitter->addWidget(listPane);
    m_splitter->addWidget(m_consoles);
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 3);
    m_splitter->setChildrenCollapsible(false);
    setCentralWidget(m_splitter);

    m_signalMenu = new SignalMenu([this] { return currentProcess(); }, this);
    m_notifier = new FailureNotifier(statusBar(), this);
}

void MainWindow::createMenus()
{
    const MonitorActions &a = *m_actions;
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->setObjectName(u"menuFile"_s);
    m_fileMenu->addActions({a.openProcfile, a.saveProcfile, a.openDemo});
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(a.quit);

    m_processMenu = menuBar()->addMenu(QString());
    m_processMenu->setObjectName(u"menuProcess"_s);
    m_processMenu->addAction(a.launch);
    m_processMenu->addSeparator();
    m_processMenu->addActions({a.start, a.stop, a.restart, a.kill});
    m_processMenu->addMenu(m_signalMenu);
    m_processMenu->addSeparator();
    m_processMenu->addActions({a.remove, a.clearFinished});
    m_processMenu->addSeparator();
    m_processMenu->addActions({a.startAll, a.stopAll});

    m_viewMenu = menuBar()->addMenu(QString());
    m_viewMenu->setObjectName(u"menuView"_s);
    m_viewMenu->addActions({a.find, a.followTail, a.timestamps, a.clearConsole, a.saveConsole});
    m_viewMenu->addSeparator();
    m_viewMenu->addActions({a.focusFilter, a.focusInput, a.scrollback});

    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->setObjectName(u"menuHelp"_s);
    m_helpMenu->addActions({a.about, a.aboutQt});
}

void MainWindow::createToolBar()
{
    const MonitorActions &a = *m_actions;
    m_toolBar = addToolBar(QString());
    m_toolBar->setObjectName(u"mainToolBar"_s);
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextUnderIcon);
    m_toolBar->addActions({a.launch, a.openProcfile, a.saveProcfile});
    m_toolBar->addSeparator();
    m_toolBar->addActions({a.start, a.stop, a.restart, a.kill, a.sendSignal, a.remove});
    m_toolBar->addSeparator();
    m_toolBar->addActions({a.startAll, a.stopAll, a.clearFinished});
    m_toolBar->addSeparator();
    m_toolBar->addActions({a.find, a.followTail, a.timestamps});
}

// Widgets, not showMessage(): a menu item's status tip only covers them for a while.
void MainWindow::createStatusBar()
{
    m_statusLabel = new QLabel(this);
    m_statusLabel->setObjectName(u"statusLabel"_s);
    m_statusLabel->setIndent(4);
    m_runningLabel = new QLabel(this);
    m_runningLabel->setObjectName(u"runningCount"_s);
    m_failedLabel = new QLabel(this);
    m_failedLabel->setObjectName(u"failedCount"_s);
    statusBar()->addWidget(m_statusLabel, 1);
    statusBar()->addPermanentWidget(m_runningLabel);
    statusBar()->addPermanentWidget(m_failedLabel);
}

void MainWindow::connectProcessManager()
{
    connect(m_manager, &ProcessManager::countsChanged, this, &MainWindow::updateCounts);
    connect(m_manager, &ProcessManager::processFailed, m_notifier, &FailureNotifier::notify);
    connect(m_manager, &ProcessManager::processAdded, this, [this](ManagedProcess *process) {
        connect(process, &ManagedProcess::changed, this, [this, process] {
            if (process == currentProcess())
                updateActions();
        });
        updateCounts();
    });
    connect(m_manager, &ProcessManager::processRemoved, this, [this] {
        QMetaObject::invokeMethod(this, &MainWindow::updateCounts, Qt::QueuedConnection);
    });
    connect(m_sessions, &Sessions::message, this,
            [this](const QString &text) { statusBar()->showMessage(text, 5000); });
    connect(m_signalMenu, &SignalMenu::signalSent, this,
            [this](ManagedProcess *process, int signo, bool toGroup) {
                statusBar()->showMessage(SignalMenu::describeSent(process, signo, toGroup), 5000);
            });
}

ManagedProcess *MainWindow::launch(const LaunchSpec &spec)
{
    ManagedProcess *process = m_manager->launch(spec);
    selectProcess(process);
    return process;
}

void MainWindow::applyCommandLine(const CommandLineOptions &options)
{
    m_sessions->apply(options);
}

int MainWindow::loadProcfile(const QString &path)
{
    return m_sessions->loadProcfile(path);
}

bool MainWindow::saveProcfile(const QString &path)
{
    return m_sessions->saveProcfile(path);
}

int MainWindow::openDemoSession()
{
    return m_sessions->openDemo();
}

LaunchDialog *MainWindow::openLaunchDialog()
{
    if (!m_launchDialog) {
        m_launchDialog = new LaunchDialog(this);
        m_launchDialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_launchDialog, &QDialog::accepted, this,
                [this] { launch(m_launchDialog->spec()); });
    }
    m_launchDialog->open();
    m_launchDialog->raise();
    m_launchDialog->activateWindow();
    return m_launchDialog;
}

ShutdownDialog *MainWindow::shutdownDialog() const
{
    return m_shutdownDialog;
}

ManagedProcess *MainWindow::currentProcess() const
{
    QModelIndex row = m_proxy->mapToSource(m_view->currentIndex());
    while (row.parent().isValid()) // a descendant row: its owner
        row = row.parent();
    return row.isValid() ? m_model->processAt(row) : nullptr;
}

void MainWindow::selectProcess(ManagedProcess *process)
{
    const QModelIndex index = m_proxy->mapFromSource(m_model->indexOf(process));
    if (index.isValid())
        m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect
                                                                 | QItemSelectionModel::Rows);
}

void MainWindow::currentRowChanged(const QModelIndex &)
{
    m_consoles->setCurrentProcess(currentProcess());
    updateActions();
}

void MainWindow::updateActions()
{
    const ManagedProcess *process = currentProcess();
    const bool active = process && ProcessStates::isActive(process->state());
    const MonitorActions &a = *m_actions;
    a.start->setEnabled(process && !active);
    a.stop->setEnabled(active);
    a.kill->setEnabled(active);
    a.sendSignal->setEnabled(active);
    a.restart->setEnabled(process != nullptr);
    a.remove->setEnabled(process != nullptr);
}

void MainWindow::updateCounts()
{
    m_runningLabel->setText(tr("Running: %1").arg(m_manager->runningCount()));
    const int failed = m_manager->failedCount();
    m_failedLabel->setText(tr("Failed: %1").arg(failed));
    m_failedLabel->setStyleSheet(failed > 0 ? u"color: #c62828; font-weight: bold;"_s : QString());
    updateActions();
}

void MainWindow::stopCurrent()
{
    if (ManagedProcess *process = currentProcess())
        process->stop(m_stopGrace);
}

void MainWindow::removeCurrent()
{
    if (ManagedProcess *process = currentProcess())
        m_manager->remove(process);
}

void MainWindow::popUpSignalMenu()
{
    const QRect row = m_view->visualRect(m_view->currentIndex());
    const QPoint at = row.isValid() ? row.bottomLeft() : QPoint(0, 0);
    m_signalMenu->popup(m_view->viewport()->mapToGlobal(at));
}

void MainWindow::showContextMenu(const QPoint &position)
{
    const QModelIndex index = m_view->indexAt(position);
    if (index.isValid())
        m_view->setCurrentIndex(index);
    QMenu menu(this);
    const MonitorActions &a = *m_actions;
    menu.addActions({a.start, a.stop, a.restart, a.kill});
    menu.addMenu(m_signalMenu);
    menu.addSeparator();
    menu.addActions({a.remove, a.launch});
    menu.exec(m_view->viewport()->mapToGlobal(position));
}

void MainWindow::askForScrollback()
{
    auto *dialog = new QInputDialog(this);
    dialog->setObjectName(u"scrollbackDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Scrollback Limit"));
    dialog->setLabelText(tr("Lines each console keeps:"));
    dialog->setInputMode(QInputDialog::IntInput);
    dialog->setIntRange(100, 1000000);
    dialog->setIntStep(1000);
    dialog->setIntValue(m_consoles->mergedConsole()->scrollbackLines());
    connect(dialog, &QInputDialog::intValueSelected, m_consoles, &ConsolePanel::setScrollbackLines);
    dialog->open();
}

void MainWindow::saveVisibleConsole()
{
    ConsoleView *console = m_consoles->visibleConsole();
    auto *dialog = new QFileDialog(this, tr("Save Console Output"));
    dialog->setObjectName(u"saveConsoleDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setNameFilters({tr("Text files (*.txt *.log)"), tr("All files (*)")});
    connect(dialog, &QFileDialog::fileSelected, this,
            [this, console = QPointer(console)](const QString &path) {
                QString error;
                if (console && !console->saveToFile(path, &error))
                    QMessageBox::warning(this, tr("Save Console Output"), error);
                else if (console)
                    statusBar()->showMessage(tr("Saved the console to %1").arg(path), 5000);
            });
    dialog->open();
}

void MainWindow::restoreSettings()
{
    if (!restoreWindowSettings(*this))
        resize(1100, 720);
    const QSettings settings;
    m_splitter->restoreState(settings.value(settingskeys::mainSplitter()).toByteArray());
    m_view->header()->restoreState(settings.value(settingskeys::processColumns()).toByteArray());
    m_consoles->setScrollbackLines(
            settings.value(settingskeys::consoleScrollback(), ConsoleView::defaultScrollbackLines)
                    .toInt());
    m_actions->timestamps->setChecked(
            settings.value(settingskeys::consoleTimestamps(), false).toBool());
}

void MainWindow::saveSettings() const
{
    saveWindowSettings(*this);
    QSettings settings;
    settings.setValue(settingskeys::mainSplitter(), m_splitter->saveState());
    settings.setValue(settingskeys::processColumns(), m_view->header()->saveState());
    settings.setValue(settingskeys::consoleScrollback(),
                      m_consoles->mergedConsole()->scrollbackLines());
    settings.setValue(settingskeys::consoleTimestamps(), m_actions->timestamps->isChecked());
}

void MainWindow::showAboutBox()
{
    if (!m_aboutBox) {
        m_aboutBox = new AboutBox(this);
        m_aboutBox->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_aboutBox->open();
    m_aboutBox->raise();
    m_aboutBox->activateWindow();
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QMainWindow::changeEvent(event);
}

void MainWindow::retranslateUi()
{
    setWindowTitle(tr("Aproc Monitor"));
    m_actions->retranslate();
    m_fileMenu->setTitle(tr("&File"));
    m_processMenu->setTitle(tr("&Process"));
    m_viewMenu->setTitle(tr("&View"));
    m_helpMenu->setTitle(tr("&Help"));
    m_toolBar->setWindowTitle(tr("Main Toolbar"));
    m_filter->setPlaceholderText(tr("Filter by name or command"));
    m_statusLabel->setText(tr("Ready"));
    updateCounts();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_readyToClose || m_manager->active().isEmpty()) {
        saveSettings();
        QMainWindow::closeEvent(event);
        return;
    }
    event->ignore();
    if (m_shutdownDialog)
        return;
    m_shutdownDialog = new ShutdownDialog(m_manager, this);
    m_shutdownDialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_manager, &ProcessManager::shutdownFinished, this, [this] {
        m_readyToClose = true;
        close();
    });
    m_manager->shutdown(m_stopGrace);
    m_shutdownDialog->open();
}

} // namespace aproc::monitor
