// SPDX-License-Identifier: MIT
#include "logging_p.h"

namespace aproc::detail {

Q_LOGGING_CATEGORY(lcLoop, "aproc.loop")
Q_LOGGING_CATEGORY(lcProcess, "aproc.process")

} // namespace aproc::detail
