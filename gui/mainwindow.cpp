// SPDX-License-Identifier: MIT
#include "mainwindow.h"

#include "aboutbox.h"
#include "application.h"
#include "processcolumns.h"
#include "windowsettings.h"

#include <QtCore/QEvent>
#include <QtGui/QAction>
#include <QtGui/QStandardItemModel>
#include <QtWidgets/QApplication>
#include <QtWidgets/QHeaderView>
#include <QtWidgets/QLabel>
#include <QtWidgets/QMenuBar>
#include <QtWidgets/QStatusBar>
#include <QtWidgets/QTableView>

using namespace Qt::StringLiterals;

namespace aproc::monitor {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setObjectName(u"MainWindow"_s);
    setWindowIcon(applicationIcon());
    createActions();
    createMenus();
    createProcessTable();
    createStatusBar();
    retranslateUi();
    if (!restoreWindowSettings(*this))
        resize(960, 600);
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    m_quitAction = new QAction(QIcon::fromTheme(u"application-exit"_s), QString(), this);
    m_quitAction->setObjectName(u"actionQuit"_s);
    m_quitAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_aboutAction = new QAction(QIcon::fromTheme(u"help-about"_s), QString(), this);
    m_aboutAction->setObjectName(u"actionAbout"_s);
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAboutBox);

    m_aboutQtAction = new QAction(this);
    m_aboutQtAction->setObjectName(u"actionAboutQt"_s);
    m_aboutQtAction->setMenuRole(QAction::AboutQtRole);
    connect(m_aboutQtAction, &QAction::triggered, qApp, &QApplication::aboutQt);
}

void MainWindow::createMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->setObjectName(u"menuFile"_s);
    m_fileMenu->addAction(m_quitAction);

    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->setObjectName(u"menuHelp"_s);
    m_helpMenu->addAction(m_aboutAction);
    m_helpMenu->addAction(m_aboutQtAction);
}

void MainWindow::createProcessTable()
{
    m_processModel = new QStandardItemModel(0, processColumnCount, this);
    m_processTable = new QTableView(this);
    m_processTable->setObjectName(u"processTable"_s);
    m_processTable->setModel(m_processModel);
    m_processTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_processTable->setAlternatingRowColors(true);
    m_processTable->setSortingEnabled(true);
    m_processTable->verticalHeader()->hide();
    m_processTable->horizontalHeader()->setStretchLastSection(true);
    setCentralWidget(m_processTable);
}

// A widget, not showMessage(): a menu item's status tip only covers it for a while.
void MainWindow::createStatusBar()
{
    m_statusLabel = new QLabel(this);
    m_statusLabel->setObjectName(u"statusLabel"_s);
    m_statusLabel->setIndent(4);
    statusBar()->addWidget(m_statusLabel, 1);
}

void MainWindow::retranslateUi()
{
    setWindowTitle(tr("Aproc Monitor"));
    m_fileMenu->setTitle(tr("&File"));
    m_quitAction->setText(tr("&Quit"));
    m_quitAction->setStatusTip(tr("Close Aproc Monitor"));
    m_helpMenu->setTitle(tr("&Help"));
    m_aboutAction->setText(tr("&About Aproc Monitor"));
    m_aboutAction->setStatusTip(tr("Show the version of Aproc Monitor"));
    m_aboutQtAction->setText(tr("About &Qt"));
    m_aboutQtAction->setStatusTip(tr("Show the version of Qt"));
    m_processModel->setHorizontalHeaderLabels(ProcessColumns::titles());
    m_statusLabel->setText(tr("Ready"));
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

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveWindowSettings(*this);
    QMainWindow::closeEvent(event);
}

} // namespace aproc::monitor
