// SPDX-License-Identifier: MIT
// Aproc Monitor's options in a Procfile comment, `#aproc: restart=on-failure delay=500 ...`.
// Internal to procfile.cpp; not part of the API.
#pragma once

#include "launchspec.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QString>
#include <QtCore/QStringList>

namespace aproc::monitor {

/*! \brief Reads and writes the `key=value` words of an `#aproc:` line. */
class ProcfileOptions
{
    Q_DECLARE_TR_FUNCTIONS(aproc::monitor::Procfile)

public:
    /*! \brief Applies the options in \a text (the line after `#aproc:`) to \a spec, resolving a
     *  relative `cwd=` against \a directory; returns what is wrong, one message per bad word
     *  (the good words still apply). */
    static QStringList apply(const QString &text, const QString &directory, LaunchSpec *spec);

    /*! \brief The options of \a spec that differ from the defaults, quoted where needed; a
     *  working directory relative to \a directory (absolute when \a directory is empty). */
    static QString write(const LaunchSpec &spec, const QString &directory);
};

} // namespace aproc::monitor
