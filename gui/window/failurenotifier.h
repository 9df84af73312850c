// SPDX-License-Identifier: MIT
// Telling the user that a process failed: the status bar always, the system tray where there is
// one.
#pragma once

#include <QtCore/QObject>
#include <QtCore/QPointer>

class QStatusBar;
class QSystemTrayIcon;

namespace aproc::monitor {

class ManagedProcess;

/*! \brief Shows "name failed: message" in the status bar for a while and, when the desktop has a
 *  system tray, as a tray notification. */
class FailureNotifier : public QObject
{
    Q_OBJECT

public:
    /*! \brief Notifies in \a statusBar (and the tray, when available). */
    explicit FailureNotifier(QStatusBar *statusBar, QObject *parent = nullptr);
    ~FailureNotifier() override;

    /*! \brief Reports that \a process failed because of \a message. */
    void notify(ManagedProcess *process, const QString &message);

    /*! \brief The last text shown (for tests and the tray's tooltip). */
    QString lastNotification() const { return m_last; }

    /*! \brief How long the status bar shows a notification, in milliseconds. */
    static constexpr int statusBarTimeout() { return 10000; }

private:
    QPointer<QStatusBar> m_statusBar;
    QSystemTrayIcon *m_tray = nullptr;
    QString m_last;
};

} // namespace aproc::monitor
