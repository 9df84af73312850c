// SPDX-License-Identifier: MIT
#include "failurenotifier.h"

#include "application.h"
#include "processes/managedprocess.h"

#include <QtWidgets/QStatusBar>
#include <QtWidgets/QSystemTrayIcon>

namespace aproc::monitor {

FailureNotifier::FailureNotifier(QStatusBar *statusBar, QObject *parent)
    : QObject(parent), m_statusBar(statusBar)
{
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(applicationIcon(), this);
        m_tray->setToolTip(tr("Aproc Monitor"));
    }
}

FailureNotifier::~FailureNotifier() = default;

void FailureNotifier::notify(ManagedProcess *process, const QString &message)
{
    m_last = tr("%1 failed: %2").arg(process->name(), message);
    if (m_statusBar)
        m_statusBar->showMessage(m_last, statusBarTimeout());
    if (m_tray && QSystemTrayIcon::supportsMessages()) {
        m_tray->show();
        m_tray->showMessage(tr("Process failed"), m_last, QSystemTrayIcon::Warning);
    }
}

} // namespace aproc::monitor
