// SPDX-License-Identifier: MIT
// Helpers shared by the console tests: reading formats back from a ConsoleView's document.
#pragma once

#include "console/consoleview.h"

#include <QtGui/QTextBlock>
#include <QtGui/QTextCursor>
#include <QtGui/QTextDocument>
#include <QtWidgets/QPlainTextEdit>

namespace aproc::monitor::testing {

/*! The document of \a view. */
inline QTextDocument *documentOf(const ConsoleView &view)
{
    return view.textEdit()->document();
}

/*! The character format of the first character of the first occurrence of \a needle. */
inline QTextCharFormat formatOf(const ConsoleView &view, const QString &needle)
{
    const QTextCursor found = documentOf(view)->find(needle);
    if (found.isNull())
        return {};
    QTextCursor cursor(documentOf(view));
    cursor.setPosition(found.selectionStart() + 1);
    return cursor.charFormat();
}

/*! The text of every block of \a view's document. */
inline QStringList blocksOf(const ConsoleView &view)
{
    QStringList lines;
    for (QTextBlock block = documentOf(view)->begin(); block.isValid(); block = block.next())
        lines.append(block.text());
    return lines;
}

} // namespace aproc::monitor::testing
