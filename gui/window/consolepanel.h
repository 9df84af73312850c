// SPDX-License-Identifier: MIT
// The lower half of the window: the selected process's console, every process's output merged,
// and the stdin line.
#pragma once

#include <QtCore/QHash>
#include <QtCore/QPointer>
#include <QtWidgets/QWidget>

class QStackedWidget;
class QTabWidget;

namespace aproc::monitor {

class ConsoleView;
class ManagedProcess;
class OutputPump;
class ProcessManager;
class StdinBar;

/*! \brief Two tabs, "Output" (a console per process; the selected one is shown) and "All Output"
 *  (every process's lines, prefixed with its name), above the stdin line, which writes to the
 *  selected process. Consoles are made when a process is added and deleted with it. */
class ConsolePanel : public QWidget
{
    Q_OBJECT

public:
    /*! \brief Consoles for every process of \a manager, now and later. */
    explicit ConsolePanel(ProcessManager *manager, QWidget *parent = nullptr);

    /*! \brief Shows the console of \a process (null: an empty console) and points stdin at it. */
    void setCurrentProcess(ManagedProcess *process);
    /*! \brief The process whose console the Output tab shows. */
    ManagedProcess *currentProcess() const { return m_current; }

    /*! \brief The console of \a process, or null. */
    ConsoleView *consoleOf(ManagedProcess *process) const;
    /*! \brief The merged console of every process. */
    ConsoleView *mergedConsole() const { return m_merged; }
    /*! \brief The console on screen: the selected process's or the merged one. */
    ConsoleView *visibleConsole() const;
    /*! \brief The stdin line. */
    StdinBar *stdinBar() const { return m_stdin; }

    /*! \brief Applies to every console, now and later. */
    void setScrollbackLines(int lines);
    /*! \brief Applies to every console, now and later. */
    void setShowTimestamps(bool show);
    /*! \brief Applies to every console, now and later. */
    void setFollowTail(bool follow);

Q_SIGNALS:
    /*! \brief The visible console turned follow-tail on or off (the user scrolled). */
    void followTailChanged(bool follow);

protected:
    void changeEvent(QEvent *event) override;

private:
    void addProcess(ManagedProcess *process);
    void removeProcess(ManagedProcess *process);
    void noteEnd(ManagedProcess *process, int returncode);
    void appendNotice(ManagedProcess *process, const QString &text);
    void appendOutput(ManagedProcess *process, int channel, const QByteArray &data);
    ConsoleView *makeConsole();
    void updateStdinTarget();
    void sendLine(const QString &line);
    void sendEndOfFile();
    void retranslateUi();

    ProcessManager *m_manager;
    QTabWidget *m_tabs = nullptr;
    QStackedWidget *m_stack = nullptr;
    ConsoleView *m_empty = nullptr;
    ConsoleView *m_merged = nullptr;
    StdinBar *m_stdin = nullptr;
    OutputPump *m_pump = nullptr;
    QHash<ManagedProcess *, ConsoleView *> m_consoles;
    QPointer<ManagedProcess> m_current;
    int m_scrollback = 10000;
    bool m_timestamps = false;
    bool m_follow = true;
};

} // namespace aproc::monitor
