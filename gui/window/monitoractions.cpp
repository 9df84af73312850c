// SPDX-License-Identifier: MIT
#include "monitoractions.h"

#include "launch/actionicons.h"

#include <QtGui/QAction>

using namespace Qt::StringLiterals;

namespace aproc::monitor {

namespace {

QAction *makeAction(QObject *parent, const QString &name, const QString &icon,
                    const QKeySequence &shortcut)
{
    auto *action = new QAction(parent);
    action->setObjectName(u"action"_s + name);
    if (!icon.isEmpty())
        action->setIcon(actionIcon(icon));
    action->setShortcut(shortcut);
    return action;
}

QAction *makeToggle(QObject *parent, const QString &name, const QString &icon,
                    const QKeySequence &shortcut, bool checked)
{
    QAction *action = makeAction(parent, name, icon, shortcut);
    action->setCheckable(true);
    action->setChecked(checked);
    return action;
}

void setTexts(QAction *action, const QString &text, const QString &statusTip)
{
    action->setText(text);
    action->setStatusTip(statusTip);
    QString tip = QString(text).remove(u'&').remove(u"..."_s).remove(u'…');
    if (!action->shortcut().isEmpty())
        tip += u" (%1)"_s.arg(action->shortcut().toString(QKeySequence::NativeText));
    action->setToolTip(tip);
}

} // namespace

MonitorActions::MonitorActions(QObject *parent)
    : openProcfile(makeAction(parent, u"OpenProcfile"_s, u"open-procfile"_s, QKeySequence::Open)),
      saveProcfile(makeAction(parent, u"SaveProcfile"_s, u"save-procfile"_s, QKeySequence::Save)),
      openDemo(makeAction(parent, u"OpenDemo"_s, {},
                          QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D))),
      quit(makeAction(parent, u"Quit"_s, {}, QKeySequence(Qt::CTRL | Qt::Key_Q))),
      launch(makeAction(parent, u"Launch"_s, u"launch"_s, QKeySequence::New)),
      start(makeAction(parent, u"Start"_s, u"start"_s, QKeySequence(Qt::Key_F5))),
      stop(makeAction(parent, u"Stop"_s, u"stop"_s, QKeySequence(Qt::Key_F6))),
      restart(makeAction(parent, u"Restart"_s, u"restart"_s, QKeySequence(Qt::CTRL | Qt::Key_R))),
      kill(makeAction(parent, u"Kill"_s, u"kill"_s, QKeySequence(Qt::CTRL | Qt::Key_K))),
      sendSignal(makeAction(parent, u"SendSignal"_s, u"signal"_s,
                            QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K))),
      remove(makeAction(parent, u"Remove"_s, u"remove"_s, QKeySequence::Delete)),
      clearFinished(makeAction(parent, u"ClearFinished"_s, u"clear-finished"_s,
                               QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Delete))),
      startAll(makeAction(parent, u"StartAll"_s, u"start-all"_s,
                          QKeySequence(Qt::CTRL | Qt::Key_F5))),
      stopAll(makeAction(parent, u"StopAll"_s, u"stop-all"_s, QKeySequence(Qt::CTRL | Qt::Key_F6))),
      find(makeAction(parent, u"Find"_s, u"search"_s, QKeySequence::Find)),
      followTail(makeToggle(parent, u"FollowTail"_s, u"follow-tail"_s,
                            QKeySequence(Qt::CTRL | Qt::Key_End), true)),
      timestamps(makeToggle(parent, u"Timestamps"_s, u"timestamps"_s,
                            QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T), false)),
      clearConsole(makeAction(parent, u"ClearConsole"_s, {}, QKeySequence(Qt::CTRL | Qt::Key_L))),
      saveConsole(makeAction(parent, u"SaveConsole"_s, {},
                             QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S))),
      focusFilter(makeAction(parent, u"FocusFilter"_s, {},
                             QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F))),
      focusInput(makeAction(parent, u"FocusInput"_s, {},
                            QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I))),
      scrollback(makeAction(parent, u"Scrollback"_s, {},
                            QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B))),
      about(makeAction(parent, u"About"_s, {}, QKeySequence(Qt::Key_F1))),
      aboutQt(makeAction(parent, u"AboutQt"_s, {}, QKeySequence(Qt::SHIFT | Qt::Key_F1)))
{
    quit->setMenuRole(QAction::QuitRole);
    about->setMenuRole(QAction::AboutRole);
    aboutQt->setMenuRole(QAction::AboutQtRole);
    quit->setIcon(QIcon::fromTheme(u"application-exit"_s));
    about->setIcon(QIcon::fromTheme(u"help-about"_s));
    retranslate();
}

QList<QAction *> MonitorActions::all() const
{
    return {openProcfile, saveProcfile, openDemo,   quit,       launch,     start,
            stop,         restart,      kill,       sendSignal, remove,     clearFinished,
            startAll,     stopAll,      find,       followTail, timestamps, clearConsole,
            saveConsole,  focusFilter,  focusInput, scrollback, about,      aboutQt};
}

void MonitorActions::retranslate()
{
    setTexts(openProcfile, tr("&Open Procfile…"),
             tr("Load the commands of a Procfile and start them"));
    setTexts(saveProcfile, tr("&Save Procfile…"), tr("Save every command as a Procfile"));
    setTexts(openDemo, tr("Open &Demo Session"), tr("Start the demonstration processes"));
    setTexts(quit, tr("&Quit"), tr("Stop every process and close Aproc Monitor"));
    setTexts(launch, tr("&Launch…"), tr("Start a new command"));
    setTexts(start, tr("S&tart"), tr("Start the selected process again"));
    setTexts(stop, tr("St&op"), tr("Terminate the selected process; kill it if it does not end"));
    setTexts(restart, tr("&Restart"), tr("Stop the selected process and start it again"));
    setTexts(kill, tr("&Kill"),
             tr("Kill the selected process and what it started at once (SIGKILL)"));
    setTexts(sendSignal, tr("Send &Signal…"),
             tr("Send any signal to the selected process or its group"));
    setTexts(remove, tr("Re&move"), tr("Remove the selected process from the list, killing it"));
    setTexts(clearFinished, tr("&Clear Finished"), tr("Remove every process that has ended"));
    setTexts(startAll, tr("Start &All"), tr("Start every process that is not running"));
    setTexts(stopAll, tr("Stop A&ll"), tr("Stop every running process"));
    setTexts(find, tr("&Find in Console…"),
             tr("Search the console with text or a regular expression"));
    setTexts(followTail, tr("&Follow Output"),
             tr("Keep the console scrolled to the newest output"));
    setTexts(timestamps, tr("&Timestamps"), tr("Show when each line arrived"));
    setTexts(clearConsole, tr("C&lear Console"), tr("Clear the visible console"));
    setTexts(saveConsole, tr("Save Console &Output…"),
             tr("Save the visible console's text to a file"));
    setTexts(focusFilter, tr("Filter &Processes"), tr("Type to filter the process list"));
    setTexts(focusInput, tr("Type &Input"),
             tr("Type a line for the selected process's standard input"));
    setTexts(scrollback, tr("Scroll&back Limit…"), tr("Set how many lines each console keeps"));
    setTexts(about, tr("&About Aproc Monitor"), tr("Show the version of Aproc Monitor"));
    setTexts(aboutQt, tr("About &Qt"), tr("Show the version of Qt"));
}

} // namespace aproc::monitor
