// SPDX-License-Identifier: MIT
// Every action of the main window: its icon, shortcut, object name and translated texts.
#pragma once

#include <QtCore/QCoreApplication>
#include <QtCore/QList>

class QAction;
class QObject;

namespace aproc::monitor {

/*! \brief The main window's actions. Made once with their icons, shortcuts and object names
 *  ("actionLaunch", ...); retranslate() sets their texts, tooltips and status tips. The window
 *  connects them. */
struct MonitorActions
{
    Q_DECLARE_TR_FUNCTIONS(aproc::monitor::MonitorActions)

public:
    /*! \brief Creates every action as a child of \a parent. */
    explicit MonitorActions(QObject *parent);

    /*! \brief Sets the texts in the current language. */
    void retranslate();

    /*! \brief Every action, for tests that check each has a shortcut and a text. */
    QList<QAction *> all() const;

    // File
    QAction *openProcfile; //!< load a Procfile and start its entries
    QAction *saveProcfile; //!< save every process's spec as a Procfile
    QAction *openDemo; //!< load and start the embedded demo session
    QAction *quit; //!< close the window (stops every child first)
    // Process
    QAction *launch; //!< the launch dialog
    QAction *start; //!< start the selected process again
    QAction *stop; //!< SIGTERM, SIGKILL after the grace period
    QAction *restart; //!< stop, then start
    QAction *kill; //!< SIGKILL now
    QAction *sendSignal; //!< the signal menu, at the selected row
    QAction *remove; //!< remove the selected process (killing it)
    QAction *clearFinished; //!< remove every process that ended
    QAction *startAll; //!< start every process that has no child
    QAction *stopAll; //!< stop every child
    // View
    QAction *find; //!< the console's search bar
    QAction *followTail; //!< checkable: keep the console at its end
    QAction *timestamps; //!< checkable: show arrival times
    QAction *clearConsole; //!< clear the visible console
    QAction *saveConsole; //!< save the visible console's text
    QAction *focusFilter; //!< put the focus in the process filter
    QAction *focusInput; //!< put the focus in the stdin line
    QAction *scrollback; //!< set the console's scrollback limit
    // Help
    QAction *about; //!< the About box
    QAction *aboutQt; //!< Qt's About box
};

} // namespace aproc::monitor
