// SPDX-License-Identifier: MIT
// Test support for the suites that start children: the helper program and argument lists.
#pragma once

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QString>
#include <QtCore/QStringList>

#include <sys/wait.h>
#include <unistd.h>

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

/*! This process's children that are still there, zombies included (/proc/PID/task/N/children).
 */
inline QStringList children()
{
    QStringList pids;
    const QString taskDir = QStringLiteral("/proc/%1/task").arg(::getpid());
    for (const QString &task : QDir(taskDir).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile file(taskDir + QLatin1Char('/') + task + QStringLiteral("/children"));
        if (file.open(QIODevice::ReadOnly))
            pids += QString::fromLatin1(file.readAll().simplified())
                            .split(QLatin1Char(' '), Qt::SkipEmptyParts);
    }
    return pids;
}

/*! True when \a pid no longer runs: gone, or a zombie (an orphan waits for init, which may be
 *  slow to reap it, or never reap it on a machine whose PID 1 does not). */
inline bool notRunning(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return true;
    const QByteArray text = stat.readAll();
    const qsizetype afterName = text.lastIndexOf(')');
    return afterName < 0 || text.mid(afterName + 2, 1) == "Z";
}

} // namespace aproc::testsupport
