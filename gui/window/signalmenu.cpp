// SPDX-License-Identifier: MIT
#include "signalmenu.h"

#include "processes/managedprocess.h"
#include "processes/signalnames.h"

#include <QtCore/QEvent>

using namespace Qt::StringLiterals;

namespace aproc::monitor {

SignalMenu::SignalMenu(std::function<ManagedProcess *()> currentTarget, QWidget *parent)
    : QMenu(parent), m_currentTarget(std::move(currentTarget))
{
    setObjectName(u"signalMenu"_s);
    connect(this, &QMenu::aboutToShow, this, &SignalMenu::fixTarget);
    rebuild();
}

void SignalMenu::fixTarget()
{
    ManagedProcess *process = m_currentTarget ? m_currentTarget() : nullptr;
    const bool alive = process && process->pid() > 0 && ProcessStates::isActive(process->state());
    m_target = alive ? process : nullptr;
    m_targetPid = alive ? process->pid() : 0;
    rebuild();
}

bool SignalMenu::sendToTarget(int signo, bool toGroup)
{
    if (!m_target || m_target->pid() != m_targetPid || !ProcessStates::isActive(m_target->state()))
        return false;
    if (toGroup)
        m_target->sendSignalToGroup(signo);
    else
        m_target->sendSignal(signo);
    Q_EMIT signalSent(m_target, signo, toGroup);
    return true;
}

QString SignalMenu::describeSent(const ManagedProcess *process, int signo, bool toGroup)
{
    return toGroup ? tr("Sent %1 to the process group of %2 (pid %3)")
                             .arg(SignalNames::name(signo), process->name())
                             .arg(process->pid())
                   : tr("Sent %1 to %2 (pid %3)")
                             .arg(SignalNames::name(signo), process->name())
                             .arg(process->pid());
}

void SignalMenu::rebuild()
{
    clear();
    setTitle(tr("&Signal"));
    if (!m_target) {
        addAction(tr("No running process selected"))->setEnabled(false);
        return;
    }
    addSection(tr("%1 (pid %2)").arg(m_target->name()).arg(m_targetPid));
    addSignalActions(this, SignalNames::common(), false);
    addOtherSignalsMenu(this, false);
    addSeparator();
    QMenu *group = addMenu(tr("To the Whole &Group"));
    group->setObjectName(u"signalGroupMenu"_s);
    group->setToolTipsVisible(true);
    group->addSection(tr("Process group %1").arg(m_targetPid));
    addSignalActions(group, SignalNames::common(), true);
    addOtherSignalsMenu(group, true);
}

void SignalMenu::addSignalActions(QMenu *menu, const QList<int> &signals, bool toGroup)
{
    for (const int signo : signals) {
        const QString text
                = u"%1\t%2"_s.arg(SignalNames::description(signo), SignalNames::name(signo));
        QAction *action = menu->addAction(text);
        action->setObjectName((toGroup ? u"group-"_s : u"signal-"_s) + SignalNames::name(signo));
        action->setData(signo);
        connect(action, &QAction::triggered, this,
                [this, signo, toGroup] { sendToTarget(signo, toGroup); });
    }
}

QMenu *SignalMenu::addOtherSignalsMenu(QMenu *menu, bool toGroup)
{
    QMenu *other = menu->addMenu(tr("&Other Signals"));
    other->setObjectName(toGroup ? u"groupOtherSignalsMenu"_s : u"otherSignalsMenu"_s);
    QList<int> rest;
    const QList<int> common = SignalNames::common();
    for (const int signo : SignalNames::all()) {
        if (!common.contains(signo))
            rest.append(signo);
    }
    addSignalActions(other, rest, toGroup);
    return other;
}

void SignalMenu::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        rebuild();
    QMenu::changeEvent(event);
}

} // namespace aproc::monitor
