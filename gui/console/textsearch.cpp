// SPDX-License-Identifier: MIT
#include "console/textsearch.h"

#include <QtGui/QTextBlock>
#include <QtWidgets/QPlainTextEdit>

namespace aproc::monitor {

bool TextSearch::find(QPlainTextEdit *edit, const QRegularExpression &expression,
                      QTextDocument::FindFlags flags)
{
    // QTextDocument::find() overrides the expression's case option with this flag
    if (!(expression.patternOptions() & QRegularExpression::CaseInsensitiveOption))
        flags |= QTextDocument::FindCaseSensitively;
    const QTextCursor before = edit->textCursor();
    if (edit->find(expression, flags))
        return true;
    QTextCursor start(edit->document()); // wraps around
    start.movePosition(flags & QTextDocument::FindBackward ? QTextCursor::End : QTextCursor::Start);
    edit->setTextCursor(start);
    if (edit->find(expression, flags))
        return true;
    edit->setTextCursor(before);
    return false;
}

int TextSearch::countMatches(const QTextDocument *document, const QRegularExpression &expression)
{
    int count = 0;
    for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
        auto matches = expression.globalMatch(block.text());
        while (matches.hasNext()) {
            if (matches.next().capturedLength() > 0)
                ++count;
        }
    }
    return count;
}

} // namespace aproc::monitor
