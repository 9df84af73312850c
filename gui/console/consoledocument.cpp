// SPDX-License-Identifier: MIT
#include "console/consoledocument.h"

#include <QtGui/QTextBlock>
#include <QtGui/QTextDocument>
#include <QtWidgets/QPlainTextEdit>

namespace aproc::monitor {

ConsoleDocument::ConsoleDocument(QPlainTextEdit *edit) : m_edit(edit)
{
    const QPalette palette = edit->palette();
    m_renderer.foreground = palette.color(QPalette::Text);
    m_renderer.background = palette.color(QPalette::Base);
}

void ConsoleDocument::setMaximumLines(int lines)
{
    m_edit->setMaximumBlockCount(qMax(1, lines));
}

void ConsoleDocument::removePartialLines()
{
    if (m_partialLines == 0)
        return;
    QTextDocument *document = m_edit->document();
    QTextBlock first = document->lastBlock();
    for (int i = 1; i < m_partialLines && first.previous().isValid(); ++i)
        first = first.previous();
    m_partialLines = 0;
    QTextCursor cursor(document);
    if (first.previous().isValid()) {
        cursor.setPosition(first.position() - 1); // the end of the last finished line
    } else {
        m_empty = true; // nothing but partial lines: all goes
    }
    cursor.movePosition(QTextCursor::End, QTextCursor::KeepAnchor);
    cursor.removeSelectedText();
}

void ConsoleDocument::appendLine(const ConsoleLine &line)
{
    Q_ASSERT(m_partialLines == 0);
    insertLine(line);
}

void ConsoleDocument::appendPartialLines(const QList<ConsoleLine> &lines)
{
    Q_ASSERT(m_partialLines == 0);
    for (const ConsoleLine &line : lines)
        insertLine(line);
    m_partialLines = int(lines.size());
}

void ConsoleDocument::insertLine(const ConsoleLine &line)
{
    QTextCursor cursor(m_edit->document());
    cursor.movePosition(QTextCursor::End);
    if (!m_empty)
        cursor.insertBlock(QTextBlockFormat(), QTextCharFormat());
    m_empty = false;
    m_renderer.insert(cursor, line);
}

void ConsoleDocument::clear()
{
    m_edit->document()->clear();
    m_partialLines = 0;
    m_empty = true;
}

} // namespace aproc::monitor
