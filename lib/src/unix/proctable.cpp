// SPDX-License-Identifier: MIT
// Reading /proc/<pid>/stat: the process tree as the kernel sees it, for the containment of a
// process group (which must find descendants that left the group) and for tree telemetry.
#include "unix/proctable_p.h"

#include <QtCore/QByteArray>
#include <QtCore/QHash>
#include <QtCore/QSet>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

namespace aproc::detail {

namespace {

// The fields after "(comm) ": the name may hold spaces and parentheses, so parsing starts
// after the last ')'.
std::optional<ProcStat> parseStat(qint64 pid, char *text)
{
    char *afterName = std::strrchr(text, ')');
    if (!afterName || afterName[1] != ' ')
        return std::nullopt;
    ProcStat stat;
    stat.pid = pid;
    char *cursor = afterName + 2;
    stat.state = *cursor;
    // Field 3 is the state; then 4 ppid, 5 pgrp, 6 session, ... 14 utime, 15 stime, ...
    // 22 starttime, 23 vsize, 24 rss.
    unsigned long long fields[25] = {};
    int field = 3;
    while (*cursor && field < 24) {
        while (*cursor && *cursor != ' ')
            ++cursor;
        while (*cursor == ' ')
            ++cursor;
        ++field;
        fields[field] = std::strtoull(cursor, nullptr, 10);
        if (*cursor == '-') // only rss-like fields may be negative; none we read is
            fields[field] = 0;
    }
    if (field < 24)
        return std::nullopt;
    stat.parentPid = qint64(fields[4]);
    stat.processGroup = qint64(fields[5]);
    stat.session = qint64(fields[6]);
    stat.cpuTicks = fields[14] + fields[15];
    stat.startTime = fields[22];
    stat.residentPages = qint64(fields[24]);
    return stat;
}

std::optional<ProcStat> readStatAt(int directory, const char *name, qint64 pid)
{
    char path[64];
    std::snprintf(path, sizeof path, "%s/stat", name);
    const int fd = ::openat(directory, path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return std::nullopt;
    char text[1024];
    ssize_t size;
    do {
        size = ::read(fd, text, sizeof text - 1);
    } while (size < 0 && errno == EINTR);
    ::close(fd);
    if (size <= 0)
        return std::nullopt;
    text[size] = '\0';
    return parseStat(pid, text);
}

qint64 parsePid(const char *name)
{
    qint64 pid = 0;
    for (; *name; ++name) {
        if (*name < '0' || *name > '9')
            return 0;
        pid = pid * 10 + (*name - '0');
    }
    return pid;
}

} // namespace

std::optional<ProcStat> readProcStat(qint64 pid)
{
    char name[32];
    std::snprintf(name, sizeof name, "/proc/%lld", static_cast<long long>(pid));
    return readStatAt(AT_FDCWD, name, pid);
}

std::vector<ProcStat> readAllProcStats()
{
    std::vector<ProcStat> table;
    DIR *proc = ::opendir("/proc");
    if (!proc)
        return table;
    table.reserve(512);
    while (const dirent *entry = ::readdir(proc)) {
        const qint64 pid = parsePid(entry->d_name);
        if (pid <= 0)
            continue;
        if (std::optional<ProcStat> stat = readStatAt(::dirfd(proc), entry->d_name, pid))
            table.push_back(*stat);
    }
    ::closedir(proc);
    return table;
}

QList<qint64> descendantsIn(const std::vector<ProcStat> &table, qint64 root)
{
    QMultiHash<qint64, qint64> children;
    children.reserve(qsizetype(table.size()));
    for (const ProcStat &stat : table)
        children.insert(stat.parentPid, stat.pid);
    QList<qint64> found;
    QSet<qint64> seen{root};
    for (qsizetype next = -1; next < found.size(); ++next) {
        const qint64 parent = next < 0 ? root : found[next];
        for (auto it = children.constFind(parent); it != children.cend() && it.key() == parent;
             ++it) {
            if (seen.contains(*it))
                continue; // a pid seen twice: the table was read while processes came and went
            seen.insert(*it);
            found.append(*it);
        }
    }
    return found;
}

QList<qint64> childrenOf(qint64 pid)
{
    static const bool listed = ::access("/proc/thread-self/children", R_OK) == 0;
    QList<qint64> children;
    if (!listed) {
        for (const ProcStat &stat : readAllProcStats()) {
            if (stat.parentPid == pid)
                children.append(stat.pid);
        }
        return children;
    }
    char path[64];
    std::snprintf(path, sizeof path, "/proc/%lld/task", static_cast<long long>(pid));
    DIR *tasks = ::opendir(path);
    if (!tasks)
        return children;
    while (const dirent *task = ::readdir(tasks)) {
        if (parsePid(task->d_name) <= 0)
            continue;
        char file[300];
        std::snprintf(file, sizeof file, "%s/children", task->d_name);
        const int fd = ::openat(::dirfd(tasks), file, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            continue;
        QByteArray text;
        char buffer[4096];
        for (ssize_t size; (size = ::read(fd, buffer, sizeof buffer)) != 0;) {
            if (size < 0 && errno == EINTR)
                continue;
            if (size < 0)
                break;
            text.append(buffer, size);
        }
        for (const QByteArray &child : text.split(' ')) {
            if (const qint64 value = child.trimmed().toLongLong(); value > 0)
                children.append(value);
        }
        ::close(fd);
    }
    ::closedir(tasks);
    return children;
}

std::chrono::microseconds ticksToTime(quint64 ticks)
{
    static const long perSecond = ::sysconf(_SC_CLK_TCK) > 0 ? ::sysconf(_SC_CLK_TCK) : 100;
    return std::chrono::microseconds(qint64(ticks * 1000000 / quint64(perSecond)));
}

qint64 pageBytes()
{
    static const qint64 bytes = ::sysconf(_SC_PAGESIZE) > 0 ? ::sysconf(_SC_PAGESIZE) : 4096;
    return bytes;
}

} // namespace aproc::detail
