// SPDX-License-Identifier: MIT
// The look of a run of terminal text, as SGR escape sequences set it.
#pragma once

#include <QtGui/QColor>
#include <QtGui/QTextCharFormat>

namespace aproc::monitor {

/*! \brief The attributes SGR (`ESC [ ... m`) sets; an invalid colour is the console's default. */
struct TextFormat
{
    QColor foreground; //!< invalid: the default foreground
    QColor background; //!< invalid: the default background
    bool bold = false;
    bool faint = false;
    bool italic = false;
    bool underline = false;
    bool inverse = false; //!< foreground and background swapped

    /*! \brief True when nothing is set (what SGR 0 gives). */
    bool isDefault() const { return *this == TextFormat{}; }

    /*! \brief The QTextCharFormat that shows this format; \a defaultForeground and
     *  \a defaultBackground stand for the invalid colours (inverse swaps them). */
    QTextCharFormat toCharFormat(const QColor &defaultForeground,
                                 const QColor &defaultBackground) const;

    friend bool operator==(const TextFormat &, const TextFormat &) = default;
};

/*! \brief The colour of index \a index (0-255) of the xterm 256-colour palette: 0-7 the SGR
 *  colours, 8-15 their bright variants, a 6x6x6 cube, then 24 greys. */
QColor ansiColor(int index);

} // namespace aproc::monitor
