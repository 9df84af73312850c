// SPDX-License-Identifier: MIT
// Aproc Monitor's main window: menus, the process table and the status bar.
#pragma once

#include <QtCore/QPointer>
#include <QtWidgets/QMainWindow>

class QAction;
class QLabel;
class QMenu;
class QStandardItemModel;
class QTableView;

namespace aproc::monitor {

class AboutBox;

/*! \brief The main window. Its geometry and state persist in QSettings; its texts follow the
 *  installed translators (QEvent::LanguageChange). */
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /*! \brief Opens the About box, or raises it when it is already open. */
    void showAboutBox();

protected:
    void changeEvent(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createMenus();
    void createProcessTable();
    void createStatusBar();
    void retranslateUi();

    QAction *m_quitAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QAction *m_aboutQtAction = nullptr;
    QMenu *m_fileMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    QStandardItemModel *m_processModel = nullptr;
    QTableView *m_processTable = nullptr;
    QLabel *m_statusLabel = nullptr;
    QPointer<AboutBox> m_aboutBox;
};

} // namespace aproc::monitor
