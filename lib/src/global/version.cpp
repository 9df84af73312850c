// SPDX-License-Identifier: MIT
#include <aproc/version.h>

namespace aproc {

QString versionString()
{
    return QStringLiteral(APROC_VERSION_STRING);
}

} // namespace aproc
