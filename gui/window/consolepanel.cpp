// SPDX-License-Identifier: MIT
#include "consolepanel.h"

#include "console/consoleview.h"
#include "processes/managedprocess.h"
#include "processes/processmanager.h"
#include "processes/signalnames.h"
#include "window/outputpump.h"
#include "window/stdinbar.h"

#include <QtCore/QEvent>
#include <QtWidgets/QStackedWidget>
#include <QtWidgets/QTabWidget>
#include <QtWidgets/QVBoxLayout>

using namespace Qt::StringLiterals;

namespace aproc::monitor {

ConsolePanel::ConsolePanel(ProcessManager *manager, QWidget *parent)
    : QWidget(parent), m_manager(manager), m_tabs(new QTabWidget(this)),
      m_stack(new QStackedWidget(this)), m_stdin(new StdinBar(this)), m_pump(new OutputPump(this))
{
    setObjectName(u"consolePanel"_s);
    m_tabs->setObjectName(u"consoleTabs"_s);
    m_tabs->setDocumentMode(true);
    m_empty = makeConsole();
    m_empty->setObjectName(u"emptyConsole"_s);
    m_merged = makeConsole();
    m_merged->setObjectName(u"mergedConsole"_s);
    m_stack->addWidget(m_empty);
    m_tabs->addTab(m_stack, QString());
    m_tabs->addTab(m_merged, QString());

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_stdin);

    connect(m_pump, &OutputPump::delivered, this, &ConsolePanel::appendOutput);
    connect(m_manager, &ProcessManager::processAdded, this, &ConsolePanel::addProcess);
    connect(m_manager, &ProcessManager::processRemoved, this, &ConsolePanel::removeProcess);
    connect(m_stdin, &StdinBar::lineSubmitted, this, &ConsolePanel::sendLine);
    connect(m_stdin, &StdinBar::endOfFileRequested, this, &ConsolePanel::sendEndOfFile);
    connect(m_tabs, &QTabWidget::currentChanged, this,
            [this] { Q_EMIT followTailChanged(visibleConsole()->followTail()); });
    for (ManagedProcess *process : m_manager->processes())
        addProcess(process);
    retranslateUi();
}

ConsoleView *ConsolePanel::makeConsole()
{
    auto *console = new ConsoleView(this);
    console->setScrollbackLines(m_scrollback);
    console->setShowTimestamps(m_timestamps);
    console->setFollowTail(m_follow);
    connect(console, &ConsoleView::followTailChanged, this, [this, console](bool follow) {
        if (console == visibleConsole())
            Q_EMIT followTailChanged(follow);
    });
    return console;
}

// Output goes through the pump, which hands it on in bounded slices; every notice about a
// process first takes the output queued before it, so that the two stay in order.
void ConsolePanel::addProcess(ManagedProcess *process)
{
    ConsoleView *console = makeConsole();
    m_consoles.insert(process, console);
    m_stack->addWidget(console);
    connect(process, &ManagedProcess::outputReceived, console,
            [this, process](int channel, const QByteArray &data) {
                m_pump->receive(process, channel, data);
            });
    connect(process, &ManagedProcess::started, console, [this, process](qint64 pid) {
        appendNotice(process, tr("started, pid %1").arg(pid));
        updateStdinTarget();
    });
    connect(process, &ManagedProcess::ended, console,
            [this, process](ProcessState, int returncode) { noteEnd(process, returncode); });
    connect(process, &ManagedProcess::failedToStart, console,
            [this, process](const QString &message) {
                appendNotice(process, tr("failed to start: %1").arg(message));
            });
    connect(process, &ManagedProcess::stateChanged, this, &ConsolePanel::updateStdinTarget);
    if (process == m_current) // made current by the list before the manager told us about it
        m_stack->setCurrentWidget(console);
}

void ConsolePanel::appendOutput(ManagedProcess *process, int channel, const QByteArray &data)
{
    if (ConsoleView *console = consoleOf(process))
        console->appendOutput(channel, data);
    m_merged->appendOutput(process->name(), channel, data);
}

void ConsolePanel::appendNotice(ManagedProcess *process, const QString &text)
{
    m_pump->flush(process);
    if (ConsoleView *console = consoleOf(process))
        console->appendNotice(text);
    m_merged->appendNotice(process->name(), text);
}

void ConsolePanel::noteEnd(ManagedProcess *process, int returncode)
{
    // its last line, even without a newline, ends here: the notice goes below it, and a restart
    // starts on a fresh line with no colour left over
    m_pump->flush(process);
    if (ConsoleView *console = consoleOf(process))
        console->finishOutput();
    m_merged->finishOutput(process->name());
    appendNotice(process, returncode < 0 ? tr("killed by %1").arg(SignalNames::name(-returncode))
                                         : tr("exited with code %1").arg(returncode));
    updateStdinTarget();
}

void ConsolePanel::removeProcess(ManagedProcess *process)
{
    m_pump->forget(process);
    ConsoleView *console = m_consoles.take(process);
    if (process == m_current)
        setCurrentProcess(nullptr);
    delete console;
}

void ConsolePanel::setCurrentProcess(ManagedProcess *process)
{
    m_current = process;
    ConsoleView *console = consoleOf(process);
    m_stack->setCurrentWidget(console ? console : m_empty);
    m_tabs->setTabText(0, process ? tr("Output of %1").arg(process->name()) : tr("Output"));
    updateStdinTarget();
    Q_EMIT followTailChanged(visibleConsole()->followTail());
}

ConsoleView *ConsolePanel::consoleOf(ManagedProcess *process) const
{
    return m_consoles.value(process, nullptr);
}

ConsoleView *ConsolePanel::visibleConsole() const
{
    if (m_tabs->currentWidget() == m_merged)
        return m_merged;
    return static_cast<ConsoleView *>(m_stack->currentWidget());
}

void ConsolePanel::setScrollbackLines(int lines)
{
    m_scrollback = lines;
    m_empty->setScrollbackLines(lines);
    m_merged->setScrollbackLines(lines);
    for (ConsoleView *console : std::as_const(m_consoles))
        console->setScrollbackLines(lines);
}

void ConsolePanel::setShowTimestamps(bool show)
{
    m_timestamps = show;
    m_merged->setShowTimestamps(show);
    for (ConsoleView *console : std::as_const(m_consoles))
        console->setShowTimestamps(show);
}

void ConsolePanel::setFollowTail(bool follow)
{
    m_follow = follow;
    visibleConsole()->setFollowTail(follow);
}

void ConsolePanel::updateStdinTarget()
{
    if (!m_current)
        m_stdin->setTarget(false, tr("Select a running process to type into its input"));
    else if (!m_current->canWriteStandardInput())
        m_stdin->setTarget(false, tr("%1 does not take input now").arg(m_current->name()));
    else
        m_stdin->setTarget(true);
}

void ConsolePanel::sendLine(const QString &line)
{
    if (!m_current || !m_current->canWriteStandardInput())
        return;
    const QByteArray data = line.toUtf8() + (m_current->spec().pty ? "\r" : "\n");
    m_current->writeStandardInput(data);
}

void ConsolePanel::sendEndOfFile()
{
    if (m_current)
        m_current->closeStandardInput();
    updateStdinTarget();
}

void ConsolePanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void ConsolePanel::retranslateUi()
{
    m_tabs->setTabText(0, m_current ? tr("Output of %1").arg(m_current->name()) : tr("Output"));
    m_tabs->setTabText(1, tr("All Output"));
}

} // namespace aproc::monitor
