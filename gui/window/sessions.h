// SPDX-License-Identifier: MIT
// Sessions: the Procfiles the window loads and saves, the demo session, the command line.
#pragma once

#include <QtCore/QObject>
#include <QtCore/QPointer>

class QMessageBox;
class QWidget;

namespace aproc::monitor {

class ProcessManager;
struct CommandLineOptions;
struct ProcfileContents;

/*! \brief Loads sets of commands into a ProcessManager and starts them, and saves them back.
 *  Problems (malformed lines, unreadable files) are shown in one non-modal message box that
 *  names the file and line of each; the valid entries still start. */
class Sessions : public QObject
{
    Q_OBJECT

public:
    /*! \brief Sessions of \a manager; message boxes and file dialogs open over \a window. */
    Sessions(ProcessManager *manager, QWidget *window);

    /*! \brief Loads the Procfile at \a path and starts its entries; returns how many. */
    int loadProcfile(const QString &path);
    /*! \brief Writes every process's spec to \a path; false, with a message box, on failure. */
    bool saveProcfile(const QString &path);
    /*! \brief Loads and starts the embedded demo session; returns how many. */
    int openDemo();
    /*! \brief Does what the command line asks: a Procfile, the demo, and/or one command. */
    void apply(const CommandLineOptions &options);

    /*! \brief Asks for a Procfile with a file dialog, then loads it. */
    void askToOpen();
    /*! \brief Asks where to save with a file dialog, then saves. */
    void askToSave();

    /*! \brief The message box listing the last load's problems, or null. */
    QMessageBox *issuesBox() const { return m_issuesBox; }

Q_SIGNALS:
    /*! \brief A short outcome for the status bar ("Loaded 5 commands from Procfile"). */
    void message(const QString &text);

private:
    int start(const ProcfileContents &contents, const QString &source);
    void showProblem(const QString &title, const QStringList &lines);

    ProcessManager *m_manager;
    QWidget *m_window;
    QPointer<QMessageBox> m_issuesBox;
};

} // namespace aproc::monitor
