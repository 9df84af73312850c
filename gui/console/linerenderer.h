// SPDX-License-Identifier: MIT
// How a console line looks: its prefixes (time, source) and formats, as text or in a document.
#pragma once

#include "console/consoleline.h"

#include <QtGui/QColor>
#include <QtGui/QTextCursor>

namespace aproc::monitor {

/*! \brief Renders ConsoleLines: an optional "hh:mm:ss.zzz " time, the source's name in its own
 *  colour (merged consoles), the text in its SGR formats; stderr in a red tint where no colour
 *  is set, notices in grey italics. */
class LineRenderer
{
public:
    /*! \brief Whether lines start with their time. */
    bool showTimestamps = false;
    /*! \brief The text colour where the output sets none. */
    QColor foreground = Qt::black;
    /*! \brief The background colour (what inverse video shows as text colour by default). */
    QColor background = Qt::white;

    /*! \brief The line as plain text, prefixes included, no newline. */
    QString plainText(const ConsoleLine &line) const;
    /*! \brief Inserts the line at \a cursor with its formats, no newline. */
    void insert(QTextCursor &cursor, const ConsoleLine &line) const;

    /*! \brief The colour of \a source's name: the same for the same name, in every run. */
    static QColor sourceColor(const QString &source);
    /*! \brief The text colour of stderr where the output sets none. */
    static QColor stderrColor();
    /*! \brief The colour of notices. */
    static QColor noticeColor();

private:
    QString timePrefix(const ConsoleLine &line) const;
    static QString sourcePrefix(const ConsoleLine &line);
    QColor lineForeground(const ConsoleLine &line) const;
};

} // namespace aproc::monitor
