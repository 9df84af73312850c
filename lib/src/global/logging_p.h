// SPDX-License-Identifier: MIT
//
//  W A R N I N G
//  -------------
// This file is not part of the Aproc API. It may change from version to version.
#pragma once

#include <QtCore/QLoggingCategory>

namespace aproc::detail {

Q_DECLARE_LOGGING_CATEGORY(lcLoop) // "aproc.loop": callbacks, timers, exceptions nobody awaited
Q_DECLARE_LOGGING_CATEGORY(lcProcess) // "aproc.process": spawning, child watching, transports

} // namespace aproc::detail
