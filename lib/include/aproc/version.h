// SPDX-License-Identifier: MIT
#pragma once

#include <aproc/aproc_export.h>
#include <aproc/config.h>

#include <QtCore/QString>

namespace aproc {

/*! \brief The version of the Aproc library the program runs with (APROC_VERSION_STRING is the one
 *  it was compiled against). */
APROC_EXPORT QString versionString();

} // namespace aproc
