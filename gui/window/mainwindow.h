// SPDX-License-Identifier: MIT
// Aproc Monitor's main window: the process list above the consoles, menus, toolbar, status bar.
#pragma once

#include "launchspec.h"

#include <QtCore/QPointer>
#include <QtWidgets/QMainWindow>

#include <chrono>

class QLabel;
class QLineEdit;
class QMenu;
class QModelIndex;
class QSplitter;
class QToolBar;
class QTreeView;

namespace aproc::monitor {

class AboutBox;
class ConsolePanel;
class FailureNotifier;
class LaunchDialog;
class ManagedProcess;
class ProcessFilterProxyModel;
class ProcessListModel;
class ProcessManager;
class Sessions;
class ShutdownDialog;
class SignalMenu;
struct CommandLineOptions;
struct MonitorActions;

/*! \brief The main window. Closing it stops every child first (SIGTERM, then SIGKILL after
 *  stopGrace(); a dialog lists what still runs). Its geometry, splitter and column state
 *  persist in QSettings; its texts follow the installed translators. */
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /*! \brief Does what the command line asks: loads a Procfile, the demo session, or launches
     *  a command. */
    void applyCommandLine(const CommandLineOptions &options);

    /*! \brief Adds and starts \a spec; selects its row. */
    ManagedProcess *launch(const LaunchSpec &spec);
    /*! \brief Opens the launch dialog (window-modal, with open()), or raises it. */
    LaunchDialog *openLaunchDialog();
    /*! \brief Loads the Procfile at \a path and starts its entries; malformed lines are
     *  reported in a message box naming the file and line. Returns the number loaded. */
    int loadProcfile(const QString &path);
    /*! \brief Writes every process's spec to \a path; false (with a message box) on failure. */
    bool saveProcfile(const QString &path);
    /*! \brief Loads and starts the embedded demo session. */
    int openDemoSession();

    /*! \brief The process of the current row (the owner, for a descendant row), or null. */
    ManagedProcess *currentProcess() const;
    /*! \brief Makes \a process's row current. */
    void selectProcess(ManagedProcess *process);

    /*! \brief The grace period between SIGTERM and SIGKILL for Stop and for quitting. */
    std::chrono::milliseconds stopGrace() const { return m_stopGrace; }
    /*! \brief Sets the grace period (tests shorten it). */
    void setStopGrace(std::chrono::milliseconds grace) { m_stopGrace = grace; }

    /*! \brief Opens the About box, or raises it when it is already open. */
    void showAboutBox();

    /*! \brief The processes. */
    ProcessManager *processManager() const { return m_manager; }
    /*! \brief The consoles and the stdin line. */
    ConsolePanel *consolePanel() const { return m_consoles; }
    /*! \brief The process list. */
    QTreeView *processView() const { return m_view; }
    /*! \brief The model behind the process list (unsorted, unfiltered). */
    ProcessListModel *processModel() const { return m_model; }
    /*! \brief The signal menu (the Process menu's, the toolbar's and the context menu's). */
    SignalMenu *signalMenu() const { return m_signalMenu; }
    /*! \brief Every action. */
    const MonitorActions &actions() const { return *m_actions; }
    /*! \brief The dialog shown while quitting, or null. */
    ShutdownDialog *shutdownDialog() const;
    /*! \brief Procfiles, the demo session and the command line. */
    Sessions *sessions() const { return m_sessions; }
    /*! \brief The failure notifications. */
    FailureNotifier *failureNotifier() const { return m_notifier; }

protected:
    void changeEvent(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createMenus();
    void createToolBar();
    void createCentralWidgets();
    void createStatusBar();
    void connectProcessManager();
    void retranslateUi();
    void restoreSettings();
    void saveSettings() const;

    void askForScrollback();
    void saveVisibleConsole();
    void showContextMenu(const QPoint &position);
    void popUpSignalMenu();
    void stopCurrent();
    void removeCurrent();
    void updateActions();
    void updateCounts();
    void currentRowChanged(const QModelIndex &current);

    MonitorActions *m_actions = nullptr;
    ProcessManager *m_manager = nullptr;
    Sessions *m_sessions = nullptr;
    ProcessListModel *m_model = nullptr;
    ProcessFilterProxyModel *m_proxy = nullptr;
    QLineEdit *m_filter = nullptr;
    QTreeView *m_view = nullptr;
    QSplitter *m_splitter = nullptr;
    ConsolePanel *m_consoles = nullptr;
    SignalMenu *m_signalMenu = nullptr;
    FailureNotifier *m_notifier = nullptr;
    QMenu *m_fileMenu = nullptr;
    QMenu *m_processMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    QToolBar *m_toolBar = nullptr;
    QLabel *m_statusLabel = nullptr;
    QLabel *m_runningLabel = nullptr;
    QLabel *m_failedLabel = nullptr;
    QPointer<AboutBox> m_aboutBox;
    QPointer<LaunchDialog> m_launchDialog;
    QPointer<ShutdownDialog> m_shutdownDialog;
    std::chrono::milliseconds m_stopGrace{5000};
    bool m_readyToClose = false;
};

} // namespace aproc::monitor
