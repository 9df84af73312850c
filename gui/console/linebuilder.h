// SPDX-License-Identifier: MIT
// Assembles parsed output into lines: newlines, carriage returns, hard wrapping.
#pragma once

#include "console/ansiparser.h"
#include "console/consoleline.h"

namespace aproc::monitor {

/*! \brief Turns one stream's parser tokens into ConsoleLines. A lone carriage return makes the
 *  text after it replace the line (a progress bar shows its last state); a line reaching
 *  maximumLength characters is wrapped, so binary garbage never makes a giant line. */
class LineBuilder
{
public:
    /*! \brief A builder for the lines of \a channel from \a source, wrapped at \a maximumLength. */
    LineBuilder(int channel, const QString &source, int maximumLength);

    /*! \brief Adds \a tokens that arrived at \a time; returns the lines they complete. */
    QList<ConsoleLine> add(const QList<AnsiToken> &tokens, const QDateTime &time);
    /*! \brief The line being received (no newline yet); its text is empty when there is none. */
    const ConsoleLine &partialLine() const { return m_line; }

private:
    void addText(const QString &text, const TextFormat &format, const QDateTime &time,
                 QList<ConsoleLine> &completed);
    void appendRun(QStringView text, const TextFormat &format);
    void finishLine(QList<ConsoleLine> &completed);

    ConsoleLine m_line;
    int m_maximumLength;
    bool m_started = false; //!< the current line has a time (something arrived for it)
    bool m_overwrite = false; //!< a carriage return was seen: the next text replaces the line
};

} // namespace aproc::monitor
