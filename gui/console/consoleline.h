// SPDX-License-Identifier: MIT
// One line of a console: its text, its formats, where and when it came from.
#pragma once

#include "console/textformat.h"

#include <QtCore/QDateTime>
#include <QtCore/QList>
#include <QtCore/QString>

namespace aproc::monitor {

/*! \brief A range of a line's text shown in one format. */
struct FormatRun
{
    int start = 0; //!< the first character
    int length = 0; //!< how many characters
    TextFormat format;

    friend bool operator==(const FormatRun &, const FormatRun &) = default;
};

/*! \brief One line of output, or a notice, as the scrollback keeps it. */
struct ConsoleLine
{
    /*! \brief Where the line comes from. */
    enum class Kind {
        Output, //!< a line the child printed
        Notice, //!< a message of the monitor's ("exited with code 3")
    };
    Kind kind = Kind::Output;
    int channel = 1; //!< 1 stdout, 2 stderr
    QString source; //!< the process's name in a merged console; empty otherwise
    QDateTime time; //!< when its first character arrived
    QString text; //!< without the newline
    QList<FormatRun> runs; //!< ascending, not overlapping; text outside them has no format
};

} // namespace aproc::monitor
