// SPDX-License-Identifier: MIT
// Writes console lines into the QTextDocument of a QPlainTextEdit.
#pragma once

#include "console/linerenderer.h"

#include <QtCore/QList>

#include <deque>

class QPlainTextEdit;

namespace aproc::monitor {

/*! \brief The document side of a console: finished lines are appended; the lines still being
 *  received (one per stream at most) stay at the end, below them, and are rewritten on each
 *  update. The document's block count is bounded by setMaximumLines(). */
class ConsoleDocument
{
public:
    /*! \brief Writes into \a edit's document. */
    explicit ConsoleDocument(QPlainTextEdit *edit);

    /*! \brief The renderer: timestamps on or off, colours. */
    LineRenderer &renderer() { return m_renderer; }
    /*! \brief Keeps at most \a lines blocks in the document. */
    void setMaximumLines(int lines);

    /*! \brief Removes the partial lines shown at the end (call before appending). */
    void removePartialLines();
    /*! \brief Appends \a line as a block of its own. */
    void appendLine(const ConsoleLine &line);
    /*! \brief Shows \a lines, lines still being received, at the end. */
    void appendPartialLines(const QList<ConsoleLine> &lines);
    /*! \brief Empties the document. */
    void clear();

private:
    void insertLine(const ConsoleLine &line);

    QPlainTextEdit *m_edit;
    LineRenderer m_renderer;
    int m_partialLines = 0; //!< how many blocks at the end are partial lines
    bool m_empty = true; //!< the document has no line (its one block is empty)
};

} // namespace aproc::monitor
