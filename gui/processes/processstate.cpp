// SPDX-License-Identifier: MIT
#include "processes/processstate.h"

namespace aproc::monitor {

QString ProcessStates::title(ProcessState state)
{
    switch (state) {
    case ProcessState::Starting:
        return tr("starting");
    case ProcessState::Running:
        return tr("running");
    case ProcessState::Stopped:
        return tr("stopped");
    case ProcessState::OutputHeld:
        return tr("output held");
    case ProcessState::Exited:
        return tr("exited");
    case ProcessState::Killed:
        return tr("killed");
    case ProcessState::FailedToStart:
        return tr("failed to start");
    }
    return {};
}

QString ProcessStates::outputHeldTitle(const QString &exit, int holders)
{
    if (holders < 0)
        return tr("exited %1 — output held").arg(exit);
    return tr("exited %1 — output held by %n process(es)", nullptr, holders).arg(exit);
}

bool ProcessStates::isActive(ProcessState state)
{
    return state == ProcessState::Starting || state == ProcessState::Running
           || state == ProcessState::Stopped || state == ProcessState::OutputHeld;
}

} // namespace aproc::monitor
