// SPDX-License-Identifier: MIT
// Built against an installed Aproc: exits 0 when the library it runs with is the one it was
// compiled against.
#include <aproc/aproc.h>

#include <cstdio>

int main()
{
    const QString version = aproc::versionString();
    std::printf("Aproc %s\n", qPrintable(version));
    return version == QLatin1String(APROC_VERSION_STRING) ? 0 : 1;
}
