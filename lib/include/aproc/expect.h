// SPDX-License-Identifier: MIT
#pragma once

#include <aproc/aproc_export.h>
#include <aproc/task.h>

#include <QtCore/QByteArray>
#include <QtCore/QRegularExpression>

#include <chrono>
#include <optional>

namespace aproc {

class Process;
class StreamReader;

/*! \brief An expect-style dialogue with a child (pexpect's spawn.expect()/sendline(), for
 *  coroutines): wait for a pattern in its output, answer, repeat.
 *
 *  Reads the process's standardOutput() (a pipe, or the pty's master when stdout is a
 *  Stdio::pty()) and writes its standardInput(), so the process must have streams on with stdin
 *  and stdout piped or on a pty. Each expect() searches the output not yet consumed; a match
 *  consumes everything up to its end. expectExact() looks for bytes as they are, expectLine()
 *  for a whole line (exact, or matching a pattern from start to end). The output is decoded as
 * UTF-8 for the regular expression (invalid bytes become U+FFFD), while before() and the consumed
 * amount stay exact bytes. Over a pty the terminal echoes what you send, so that echo appears in
 * the output (and lines end in "\r\n"): expect past it, or switch echo off in the child (`stty
 * -echo`). To see stderr too, give it stderrMode = STDOUT: then one reader gets everything (a
 * second Stdio::pty() stream would be a second reader of the same terminal, racing the first). Does
 * not own the process, which must outlive it. Belongs to the process's thread. */
class APROC_EXPORT Expect
{
public:
    /*! \brief A dialogue with \a process; expect() waits \a defaultTimeout unless told
     *  otherwise. */
    explicit Expect(Process *process,
                    std::chrono::milliseconds defaultTimeout = std::chrono::seconds(5));

    /*! \brief Waits until \a pattern matches the unconsumed output, consumes it up to the end of
     *  the match and gives the match (pexpect's expect()). Throws TimeoutError naming the
     *  pattern and the last output seen after \a timeout (default: the constructor's), and
     *  IncompleteReadError holding the unconsumed output when the output ends (the child
     *  exited or closed it) before a match. Either way the output stays unconsumed. */
    Task<QRegularExpressionMatch> expect(QRegularExpression pattern,
                                         std::optional<std::chrono::milliseconds> timeout
                                         = std::nullopt);
    /*! \brief Waits until the bytes \a text appear in the unconsumed output and consumes it up to
     *  their end (pexpect's expect_exact()): no pattern syntax, so ".", "*", "(" and "\\" are
     *  themselves. Sets before() and matched() and throws TimeoutError and IncompleteReadError
     *  as expect() does; throws ValueError for an empty \a text. */
    Task<void> expectExact(QByteArray text,
                           std::optional<std::chrono::milliseconds> timeout = std::nullopt);
    /*! \brief expectExact() with \a text encoded in UTF-8. */
    Task<void> expectExact(const QString &text,
                           std::optional<std::chrono::milliseconds> timeout = std::nullopt)
    {
        return expectExact(text.toUtf8(), timeout);
    }
    /*! \brief expectExact() with the UTF-8 \a text. */
    Task<void> expectExact(const char *text,
                           std::optional<std::chrono::milliseconds> timeout = std::nullopt)
    {
        return expectExact(QByteArray(text), timeout);
    }

    /*! \brief Waits for a whole line of output equal to \a line, and consumes the output up to and
     *  including that line's terminator (no pexpect counterpart; in pexpect one writes a
     *  regular expression for it). A line ends at "\n", and a "\r" just before it belongs to the
     *  terminator, so a pty's "\r\n" lines and a pipe's "\n" ones compare alike; at EOF the
     *  last, unterminated line counts too. Lines are whole only from a line start: when an
     *  earlier match ended inside a line, the rest of that line is skipped. Lines are compared
     *  in order, each as exact bytes; before() gets the output up to the line, matched() the line
     *  with its terminator. Throws TimeoutError and IncompleteReadError as expect() does, and
     *  ValueError when \a line contains a "\n". */
    Task<void> expectLine(QByteArray line,
                          std::optional<std::chrono::milliseconds> timeout = std::nullopt);
    /*! \brief expectLine() with \a line encoded in UTF-8. */
    Task<void> expectLine(const QString &line,
                          std::optional<std::chrono::milliseconds> timeout = std::nullopt)
    {
        return expectLine(line.toUtf8(), timeout);
    }
    /*! \brief expectLine() with the UTF-8 \a line. */
    Task<void> expectLine(const char *line,
                          std::optional<std::chrono::milliseconds> timeout = std::nullopt)
    {
        return expectLine(QByteArray(line), timeout);
    }
    /*! \brief Waits for a whole line that \a pattern matches from its first character to its
     *  last (it is wrapped in QRegularExpression::anchoredPattern()) and gives that match, made
     *  on the line's text without its terminator, decoded as expect() decodes. Lines,
     *  terminators, before(), matched() and the errors are expectLine()'s; ValueError for an
     *  invalid \a pattern. */
    Task<QRegularExpressionMatch> expectLine(QRegularExpression pattern,
                                             std::optional<std::chrono::milliseconds> timeout
                                             = std::nullopt);

    /*! \brief Writes \a line and "\n" to the child's stdin and drains it (pexpect's sendline()).
     */
    Task<void> sendLine(QByteArray line);
    /*! \brief Writes \a data as it is and drains it (pexpect's send()). */
    Task<void> send(QByteArray data);
    /*! \brief Ends the child's input (pexpect's sendeof()): over a pipe, closes stdin; over a
     *  pty, sends the terminal's EOF character (Ctrl-D), which a program reading a line sees as
     *  end of input when it comes at the start of a line. */
    Task<void> sendEof();

    /*! \brief The output consumed by the last successful expect() before its match (pexpect's
     *  before). */
    QByteArray before() const { return m_before; }
    /*! \brief The bytes the last successful expect() matched (pexpect's after). */
    QByteArray matched() const { return m_matched; }
    /*! \brief The output read from the child but not consumed by a match yet. */
    QByteArray buffer() const { return m_buffer; }
    /*! \brief True once the child's output has ended (EOF was read). */
    bool atEof() const { return m_eof; }

private:
    struct Line;
    std::optional<QRegularExpressionMatch> search(const QRegularExpression &pattern);
    std::optional<Line> lineAt(qsizetype from) const;
    qsizetype firstLineStart() const;
    void consume(qsizetype start, qsizetype end);
    StreamReader *output(const char *function) const;
    Task<bool> readMore(StreamReader *reader, std::chrono::steady_clock::time_point deadline);

    Process *m_process;
    std::chrono::milliseconds m_defaultTimeout;
    QByteArray m_buffer;
    QByteArray m_before;
    QByteArray m_matched;
    bool m_eof = false;
    bool m_atLineStart = true; // the unconsumed output starts a line
};

} // namespace aproc
