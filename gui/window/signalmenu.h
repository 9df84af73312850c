// SPDX-License-Identifier: MIT
// The Signal menu: any signal, to the selected process or to its whole process group.
#pragma once

#include <QtCore/QPointer>
#include <QtWidgets/QMenu>

#include <functional>

namespace aproc::monitor {

class ManagedProcess;

/*! \brief A menu of signals for one process. The target is fixed when the menu opens (the
 *  process and its pid then): a list that reorders underneath, or a process restarted with a
 *  new pid while the menu is open, never receives a signal meant for another. */
class SignalMenu : public QMenu
{
    Q_OBJECT

public:
    /*! \brief A menu whose target, when it opens, is what \a currentTarget returns. */
    explicit SignalMenu(std::function<ManagedProcess *()> currentTarget, QWidget *parent = nullptr);

    /*! \brief The process the menu signals, fixed when it last opened (null: none running). */
    ManagedProcess *target() const { return m_target; }
    /*! \brief The pid that process had when the menu last opened. */
    qint64 targetPid() const { return m_targetPid; }

    /*! \brief Sends \a signo to the fixed target (its group when \a toGroup); false when the
     *  target is gone or no longer has the pid it had when the menu opened. */
    bool sendToTarget(int signo, bool toGroup);

    /*! \brief "Sent SIGTERM to name (pid N)" or "... to the process group of ...". */
    static QString describeSent(const ManagedProcess *process, int signo, bool toGroup);

Q_SIGNALS:
    /*! \brief \a signo was sent to \a process (to its whole group when \a toGroup). */
    void signalSent(aproc::monitor::ManagedProcess *process, int signo, bool toGroup);

protected:
    void changeEvent(QEvent *event) override;

private:
    void fixTarget();
    void rebuild();
    void addSignalActions(QMenu *menu, const QList<int> &signals, bool toGroup);
    QMenu *addOtherSignalsMenu(QMenu *menu, bool toGroup);

    std::function<ManagedProcess *()> m_currentTarget;
    QPointer<ManagedProcess> m_target;
    qint64 m_targetPid = 0;
};

} // namespace aproc::monitor
