// SPDX-License-Identifier: MIT
// What quitting waits for: the children still running while they are being stopped.
#pragma once

#include <QtWidgets/QDialog>

class QLabel;
class QListWidget;
class QPushButton;

namespace aproc::monitor {

class ProcessManager;

/*! \brief Shown when the window closes while children run: lists those still alive while
 *  ProcessManager::shutdown() stops them (SIGTERM, then SIGKILL after the grace period), and
 *  offers to kill them at once. It closes itself when none is left. */
class ShutdownDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ShutdownDialog(ProcessManager *manager, QWidget *parent = nullptr);

    /*! \brief The names and pids listed now, one entry per child still running. */
    QStringList listedProcesses() const;

private:
    void refresh();

    ProcessManager *m_manager;
    QLabel *m_message = nullptr;
    QListWidget *m_list = nullptr;
    QPushButton *m_killNow = nullptr;
};

} // namespace aproc::monitor
