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
    case ProcessState::Exited:
        return tr("exited");
    case ProcessState::Killed:
        return tr("killed");
    case ProcessState::FailedToStart:
        return tr("failed to start");
    }
    return {};
}

bool ProcessStates::isActive(ProcessState state)
{
    return state == ProcessState::Starting || state == ProcessState::Running
           || state == ProcessState::Stopped;
}

} // namespace aproc::monitor
