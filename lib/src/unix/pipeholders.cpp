// SPDX-License-Identifier: MIT
// The processes still holding a child's pipes when ProcessOptions::exitDrain's grace expires:
// found by the pipe's identity in every /proc/PID/fd, as lsof and fuser do.
#include "unix/pipeholders_p.h"

#include <QtCore/QFile>

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

namespace aproc::detail {

namespace {

// The pid a /proc entry names, or 0 when it is not a process ("self", "sys", ...).
qint64 processId(const char *name)
{
    char *end = nullptr;
    const long long pid = std::strtoll(name, &end, 10);
    return end != name && *end == '\0' && pid > 0 ? qint64(pid) : 0;
}

// True when one of \a pid's fds shows one of \a identities; false when they cannot be read.
bool holdsOneOf(qint64 pid, const QStringList &identities)
{
    const QByteArray directory = "/proc/" + QByteArray::number(pid) + "/fd";
    DIR *fds = ::opendir(directory.constData());
    if (!fds)
        return false;
    bool holds = false;
    char target[PATH_MAX];
    while (const dirent *entry = ::readdir(fds)) {
        if (entry->d_name[0] == '.')
            continue;
        const ssize_t length = ::readlinkat(::dirfd(fds), entry->d_name, target, sizeof target);
        if (length > 0 && identities.contains(QString::fromLocal8Bit(target, qsizetype(length)))) {
            holds = true;
            break;
        }
    }
    ::closedir(fds);
    return holds;
}

// /proc/PID/cmdline with its NULs as spaces; /proc/PID/comm for a process without one (a
// kernel thread, a zombie).
QString commandOf(qint64 pid)
{
    const QString base = QStringLiteral("/proc/%1/").arg(pid);
    QFile cmdline(base + QStringLiteral("cmdline"));
    QByteArray text;
    if (cmdline.open(QIODevice::ReadOnly))
        text = cmdline.readAll();
    while (text.endsWith('\0'))
        text.chop(1);
    if (text.isEmpty()) {
        QFile comm(base + QStringLiteral("comm"));
        if (comm.open(QIODevice::ReadOnly))
            text = comm.readAll().trimmed();
    }
    return QString::fromLocal8Bit(text.replace('\0', ' '));
}

} // namespace

QString openFileIdentity(int fd)
{
    struct stat info
    { };
    if (fd < 0 || ::fstat(fd, &info) != 0)
        return {};
    if (S_ISFIFO(info.st_mode))
        return QStringLiteral("pipe:[%1]").arg(quint64(info.st_ino));
    if (S_ISSOCK(info.st_mode))
        return QStringLiteral("socket:[%1]").arg(quint64(info.st_ino));
    char slave[PATH_MAX];
    if (S_ISCHR(info.st_mode) && ::ptsname_r(fd, slave, sizeof slave) == 0)
        return QString::fromLocal8Bit(slave);
    return {};
}

QList<PipeHolder> findPipeHolders(const QStringList &identities)
{
    QList<PipeHolder> holders;
    if (identities.isEmpty())
        return holders;
    DIR *processes = ::opendir("/proc");
    if (!processes)
        return holders;
    const qint64 self = ::getpid();
    while (const dirent *entry = ::readdir(processes)) {
        const qint64 pid = processId(entry->d_name);
        if (pid != 0 && pid != self && holdsOneOf(pid, identities))
            holders.append(PipeHolder{pid, commandOf(pid)});
    }
    ::closedir(processes);
    std::sort(holders.begin(), holders.end(),
              [](const PipeHolder &a, const PipeHolder &b) { return a.pid < b.pid; });
    return holders;
}

} // namespace aproc::detail
