// SPDX-License-Identifier: MIT
#include "global/logging_p.h"

namespace aproc::detail {

// Info and above by default, as Qt declares its own qt.* categories: a spawn or a paused pipe is
// not worth a line on every user's stderr. QT_LOGGING_RULES="aproc.*.debug=true" shows them.
Q_LOGGING_CATEGORY(lcLoop, "aproc.loop", QtInfoMsg)
Q_LOGGING_CATEGORY(lcProcess, "aproc.process", QtInfoMsg)

} // namespace aproc::detail
