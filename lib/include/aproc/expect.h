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

/*! \brief An expect-style dialogue with a child (pexpect's spawn.expect()/sendline(), for
 *  coroutines): wait for a pattern in its output, answer, repeat.
 *
 *  Reads the process's standardOutput() (a pipe, or the pty's master when stdout is a
 *  Stdio::pty()) and writes its standardInput(), so the process must have streams on with stdin
 *  and stdout piped or on a pty. Each expect() searches the output not yet consumed; a match
 *  consumes everything up to its end. The output is decoded as UTF-8 for the regular
 *  expression (invalid bytes become U+FFFD), while before() and the consumed amount stay exact
 *  bytes. Over a pty the terminal echoes what you send, so that echo appears in the output (and
 *  lines end in "\r\n"): expect past it, or switch echo off in the child (`stty -echo`).
 *  To see stderr too, give it stderrMode = STDOUT: then one reader gets everything (a second
 *  Stdio::pty() stream would be a second reader of the same terminal, racing the first).
 *  Does not own the process, which must outlive it. Belongs to the process's thread. */
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
    std::optional<QRegularExpressionMatch> search(const QRegularExpression &pattern);

    Process *m_process;
    std::chrono::milliseconds m_defaultTimeout;
    QByteArray m_buffer;
    QByteArray m_before;
    QByteArray m_matched;
    bool m_eof = false;
};

} // namespace aproc
