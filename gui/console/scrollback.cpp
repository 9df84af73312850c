// SPDX-License-Identifier: MIT
#include "console/scrollback.h"

namespace aproc::monitor {

Scrollback::Scrollback(int maximumLines) : m_maximumLines(qMax(1, maximumLines)) { }

int Scrollback::append(ConsoleLine line)
{
    m_lines.push_back(std::move(line));
    return trim();
}

int Scrollback::setMaximumLines(int lines)
{
    m_maximumLines = qMax(1, lines);
    return trim();
}

int Scrollback::trim()
{
    int dropped = 0;
    while (m_lines.size() > size_t(m_maximumLines)) {
        m_lines.pop_front();
        ++dropped;
    }
    return dropped;
}

} // namespace aproc::monitor
