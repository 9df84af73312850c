// SPDX-License-Identifier: MIT
// Finding a regular expression in a QPlainTextEdit, wrapping around, and counting matches.
#pragma once

#include <QtCore/QRegularExpression>
#include <QtGui/QTextDocument>

class QPlainTextEdit;

namespace aproc::monitor {

/*! \brief The searches of a console's search bar. */
class TextSearch
{
public:
    /*! \brief Selects the next match of \a expression after \a edit's cursor (before it with
     *  QTextDocument::FindBackward in \a flags), wrapping around at the end, and scrolls it into
     *  view; the expression's case option decides case. False, cursor unchanged, if none. */
    static bool find(QPlainTextEdit *edit, const QRegularExpression &expression,
                     QTextDocument::FindFlags flags);
    /*! \brief How many non-empty matches of \a expression \a document holds. */
    static int countMatches(const QTextDocument *document, const QRegularExpression &expression);
};

} // namespace aproc::monitor
