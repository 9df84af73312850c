// SPDX-License-Identifier: MIT
// The lines a console keeps, bounded.
#pragma once

#include "console/consoleline.h"

#include <deque>

namespace aproc::monitor {

/*! \brief The last maximumLines() lines of a console, oldest first. With lines capped in length,
 *  its memory is bounded too. */
class Scrollback
{
public:
    /*! \brief An empty scrollback of at most \a maximumLines lines. */
    explicit Scrollback(int maximumLines);

    /*! \brief Appends \a line, dropping the oldest line when full; returns how many it dropped. */
    int append(ConsoleLine line);
    /*! \brief The most lines kept. */
    int maximumLines() const { return m_maximumLines; }
    /*! \brief Keeps at most \a lines lines (at least 1); returns how many it dropped. */
    int setMaximumLines(int lines);
    /*! \brief The lines, oldest first. */
    const std::deque<ConsoleLine> &lines() const { return m_lines; }
    /*! \brief How many lines it holds. */
    int size() const { return int(m_lines.size()); }
    /*! \brief Drops every line. */
    void clear() { m_lines.clear(); }

private:
    int trim();

    std::deque<ConsoleLine> m_lines;
    int m_maximumLines;
};

} // namespace aproc::monitor
