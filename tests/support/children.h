// SPDX-License-Identifier: MIT
// Test support for the suites that start children: the helper program and argument lists.
#pragma once

#include <QtCore/QString>
#include <QtCore/QStringList>

#include <sys/wait.h>

namespace aproc::testsupport {

/*! The test helper child program (tests/helpers), whose first argument picks its mode. */
inline QString helper()
{
    return QStringLiteral(APROC_TEST_HELPER);
}

inline QString word(const QString &text)
{
    return text;
}

inline QString word(const char *text)
{
    return QString::fromUtf8(text);
}

/*! An argument list from words (QString or UTF-8 literals). GCC 12 rejects a braced list inside
 *  a co_await expression ("array used as initializer"): `co_await f(args("echo", "x"))` is the
 *  way to write `co_await f({"echo", "x"})`. */
template<typename... S> QStringList args(const S &...words)
{
    QStringList list;
    (list << ... << word(words));
    return list;
}

/*! True when no child of this process is left unreaped. */
inline bool noZombie()
{
    siginfo_t info{};
    const int result = ::waitid(P_ALL, 0, &info, WEXITED | WNOHANG | WNOWAIT);
    return result != 0 || info.si_pid == 0;
}

} // namespace aproc::testsupport
