// SPDX-License-Identifier: MIT
// A console: a child's output (or several children's, merged) decoded and rendered, bounded,
// searchable, saved on request.
#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QString>
#include <QtWidgets/QWidget>

#include <memory>

class QPlainTextEdit;

namespace aproc::monitor {

class ConsoleViewPrivate;

/*! \brief Shows the output of one process, or of several merged ("All"), as a terminal would:
 *  ANSI colours rendered, every other escape sequence hidden, UTF-8 decoded across chunks,
 *  stderr told apart. Appends are batched (one document update per ~40 ms) and the scrollback is
 *  bounded, so a child printing as fast as it can never freezes the window nor grows its memory.
 *  A hidden view keeps its scrollback but lays out no text: it renders when shown, or when its
 *  text is asked for (plainText(), textEdit(), search). */
class ConsoleView : public QWidget
{
    Q_OBJECT

public:
    /*! \brief The scrollback when nothing else is set: this many lines. */
    static constexpr int defaultScrollbackLines = 10000;
    /*! \brief A line longer than this many characters is wrapped onto the next one. */
    static constexpr int maximumLineLength = 4096;

    /*! \brief An empty console. */
    explicit ConsoleView(QWidget *parent = nullptr);
    ~ConsoleView() override;

    /*! \brief Appends \a data, a chunk of the channel \a channel (1 stdout, 2 stderr) of the one
     *  process this console shows, as ManagedProcess::outputReceived() delivers it. */
    void appendOutput(int channel, const QByteArray &data);
    /*! \brief Appends \a data from the process named \a source to a merged console: each line is
     *  prefixed with \a source in a colour of its own; lines of different sources never mix. */
    void appendOutput(const QString &source, int channel, const QByteArray &data);
    /*! \brief Appends \a text (e.g. "exited with code 3") as a line of its own, in grey italics. */
    void appendNotice(const QString &text);
    /*! \brief Appends a notice about \a source in a merged console, prefixed like its output. */
    void appendNotice(const QString &source, const QString &text);

    /*! \brief The output of \a source (empty: of this console's one process) ended, e.g. its
     *  process exited: its half-received lines become lines of their own and its decoding state
     *  is reset, so that a restarted process starts with no colour or escape left over. */
    void finishOutput(const QString &source = QString());

    /*! \brief The most lines kept; older ones are dropped. */
    int scrollbackLines() const;
    /*! \brief Keeps at most \a lines lines (at least 1), dropping the oldest beyond. */
    void setScrollbackLines(int lines);

    /*! \brief Whether each line starts with its arrival time, "hh:mm:ss.zzz ". */
    bool showTimestamps() const;
    /*! \brief Shows or hides the arrival times (re-renders the console). */
    void setShowTimestamps(bool show);

    /*! \brief Whether the view stays at the bottom as output arrives. */
    bool followTail() const;
    /*! \brief Keeps the view at the bottom (and scrolls there), or lets it stay where it is. */
    void setFollowTail(bool follow);

    /*! \brief Whether lines of \a channel (1 stdout, 2 stderr) are shown. */
    bool isChannelVisible(int channel) const;
    /*! \brief Shows or hides the lines of \a channel (re-renders the console). */
    void setChannelVisible(int channel, bool visible);

    /*! \brief Opens the search bar and focuses its text field (also Ctrl+F). */
    void showSearchBar();
    /*! \brief Closes the search bar (also Escape in it). */
    void hideSearchBar();
    /*! \brief Selects the next match of the search bar's text after the cursor, wrapping around;
     *  false when there is none or the expression is invalid (the bar then says why). */
    bool findNext();
    /*! \brief Selects the previous match before the cursor, wrapping around. */
    bool findPrevious();

    /*! \brief The text shown, without escape sequences: what copy and save give (pending
     *  appends are rendered first). */
    QString plainText() const;
    /*! \brief Copies the selected text to the clipboard (also Ctrl+C). */
    void copy();
    /*! \brief Copies the whole console to the clipboard. */
    void copyAll();
    /*! \brief Writes plainText() to \a path as UTF-8; on failure false and the reason in \a error.
     */
    bool saveToFile(const QString &path, QString *error = nullptr);
    /*! \brief Empties the console (the decoders keep their state: a half-received line goes on). */
    void clear();

    /*! \brief Renders every pending append now instead of at the next timer tick. */
    void flush();

    /*! \brief The text widget inside (object name "consoleText"). */
    QPlainTextEdit *textEdit() const;

Q_SIGNALS:
    /*! \brief followTail() changed, by setFollowTail() or by the user scrolling. */
    void followTailChanged(bool follow);

protected:
    void showEvent(QShowEvent *event) override;

private:
    std::unique_ptr<ConsoleViewPrivate> d;
};

} // namespace aproc::monitor
