// SPDX-License-Identifier: MIT
#include "shutdowndialog.h"

#include "processes/managedprocess.h"
#include "processes/processmanager.h"

#include <QtWidgets/QDialogButtonBox>
#include <QtWidgets/QLabel>
#include <QtWidgets/QListWidget>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QVBoxLayout>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace aproc::monitor {

ShutdownDialog::ShutdownDialog(ProcessManager *manager, QWidget *parent)
    : QDialog(parent), m_manager(manager)
{
    setObjectName(u"shutdownDialog"_s);
    setWindowTitle(tr("Stopping Processes"));
    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_list = new QListWidget(this);
    m_list->setObjectName(u"shutdownList"_s);
    auto *buttons = new QDialogButtonBox(this);
    m_killNow = buttons->addButton(tr("&Kill Now"), QDialogButtonBox::DestructiveRole);
    m_killNow->setObjectName(u"shutdownKillNow"_s);
    m_killNow->setToolTip(tr("Send SIGKILL to every process still running"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addWidget(m_list);
    layout->addWidget(buttons);

    connect(m_killNow, &QPushButton::clicked, m_manager, [this] { m_manager->shutdown(0ms); });
    for (ManagedProcess *process : m_manager->active())
        connect(process, &ManagedProcess::changed, this, &ShutdownDialog::refresh);
    connect(m_manager, &ProcessManager::countsChanged, this, &ShutdownDialog::refresh);
    connect(m_manager, &ProcessManager::shutdownFinished, this, &QDialog::accept);
    refresh();
}

QStringList ShutdownDialog::listedProcesses() const
{
    QStringList entries;
    for (int row = 0; row < m_list->count(); ++row)
        entries.append(m_list->item(row)->text());
    return entries;
}

void ShutdownDialog::refresh()
{
    m_list->clear();
    const QList<ManagedProcess *> active = m_manager->active();
    for (const ManagedProcess *process : active)
        m_list->addItem(tr("%1 (pid %2)").arg(process->name()).arg(process->pid()));
    m_message->setText(tr("Waiting for %n process(es) to stop. Those that ignore SIGTERM get "
                          "SIGKILL when the grace period ends.",
                          nullptr, int(active.size())));
}

} // namespace aproc::monitor
