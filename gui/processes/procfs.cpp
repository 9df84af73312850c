// SPDX-License-Identifier: MIT
#include "procfs.h"

#include <QtCore/QSet>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

namespace aproc::monitor {

namespace {

// Reads a small /proc file whole with plain system calls (cheap: one per process per tick).
QByteArray readSmallFile(const char *path)
{
    const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return {};
    QByteArray data(4096, Qt::Uninitialized);
    qsizetype size = 0;
    for (;;) {
        if (size == data.size())
            data.resize(data.size() * 2);
        const ssize_t n = ::read(fd, data.data() + size, size_t(data.size() - size));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        size += n;
    }
    ::close(fd);
    data.truncate(size);
    return data;
}

template<typename T> bool parseNumber(QByteArrayView text, T *value)
{
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), *value);
    return error == std::errc() && end == text.data() + text.size();
}

// The space-separated fields after the name, starting with the state (field 3 of proc(5)).
QList<QByteArrayView> fieldsAfterName(QByteArrayView line, qsizetype closing)
{
    QList<QByteArrayView> fields;
    qsizetype start = closing + 2;
    while (start < line.size()) {
        qsizetype end = line.indexOf(' ', start);
        if (end < 0)
            end = line.size();
        fields.append(line.sliced(start, end - start).trimmed());
        start = end + 1;
    }
    return fields;
}

} // namespace

std::optional<ProcessStat> procfs::parseStat(QByteArrayView line)
{
    // Field numbers as in proc(5), minus 3: the state is field 3.
    enum { State = 0, ParentPid = 1, UserTime = 11, SystemTime = 12, StartTime = 19, Rss = 21 };
    const qsizetype opening = line.indexOf('(');
    const qsizetype closing = line.lastIndexOf(')');
    if (opening <= 0 || closing < opening || closing + 2 > line.size())
        return std::nullopt;
    ProcessStat stat;
    if (!parseNumber(line.first(opening).trimmed(), &stat.pid))
        return std::nullopt;
    stat.name = QString::fromUtf8(line.sliced(opening + 1, closing - opening - 1));
    const QList<QByteArrayView> fields = fieldsAfterName(line.trimmed(), closing);
    quint64 userTicks = 0, systemTicks = 0;
    qint64 rssPages = 0;
    if (fields.size() <= Rss || fields[State].size() != 1
        || !parseNumber(fields[ParentPid], &stat.parentPid)
        || !parseNumber(fields[UserTime], &userTicks)
        || !parseNumber(fields[SystemTime], &systemTicks)
        || !parseNumber(fields[StartTime], &stat.startTicks)
        || !parseNumber(fields[Rss], &rssPages)) {
        return std::nullopt;
    }
    stat.state = fields[State].front();
    stat.cpuTicks = userTicks + systemTicks;
    stat.rssBytes = rssPages * pageSize();
    return stat;
}

std::optional<ProcessStat> procfs::readStat(qint64 pid)
{
    const QByteArray path = "/proc/" + QByteArray::number(pid) + "/stat";
    const QByteArray line = readSmallFile(path.constData());
    if (line.isEmpty())
        return std::nullopt;
    return parseStat(line);
}

QStringList procfs::readCommandLine(qint64 pid)
{
    const QByteArray path = "/proc/" + QByteArray::number(pid) + "/cmdline";
    QByteArray data = readSmallFile(path.constData());
    if (data.endsWith('\0'))
        data.chop(1);
    if (data.isEmpty())
        return {};
    QStringList arguments;
    for (const QByteArray &argument : data.split('\0'))
        arguments.append(QString::fromLocal8Bit(argument));
    return arguments;
}

long procfs::clockTicksPerSecond()
{
    static const long ticks = std::max(1L, ::sysconf(_SC_CLK_TCK));
    return ticks;
}

long procfs::pageSize()
{
    static const long size = std::max(1L, ::sysconf(_SC_PAGESIZE));
    return size;
}

QDateTime procfs::bootTime()
{
    static const QDateTime boot = [] {
        const QByteArray stat = readSmallFile("/proc/stat");
        const qsizetype at = stat.indexOf("\nbtime ");
        qint64 seconds = 0;
        if (at >= 0) {
            const qsizetype start = at + 7;
            const qsizetype end = stat.indexOf('\n', start);
            parseNumber(QByteArrayView(stat).sliced(start, end - start).trimmed(), &seconds);
        }
        return QDateTime::fromSecsSinceEpoch(seconds);
    }();
    return boot;
}

QDateTime procfs::startTime(quint64 startTicks)
{
    return bootTime().addMSecs(qint64(startTicks * 1000 / quint64(clockTicksPerSecond())));
}

ProcessSnapshot ProcessSnapshot::take()
{
    QList<ProcessStat> processes;
    if (DIR *dir = ::opendir("/proc")) {
        while (const dirent *entry = ::readdir(dir)) {
            qint64 pid = 0;
            if (!parseNumber(QByteArrayView(entry->d_name), &pid))
                continue;
            if (std::optional<ProcessStat> stat = procfs::readStat(pid))
                processes.append(*stat);
        }
        ::closedir(dir);
    }
    return fromList(processes);
}

ProcessSnapshot ProcessSnapshot::fromList(const QList<ProcessStat> &processes)
{
    ProcessSnapshot snapshot;
    snapshot.m_processes = processes;
    std::sort(snapshot.m_processes.begin(), snapshot.m_processes.end(),
              [](const ProcessStat &a, const ProcessStat &b) { return a.pid < b.pid; });
    for (qsizetype i = 0; i < snapshot.m_processes.size(); ++i) {
        const ProcessStat &stat = snapshot.m_processes.at(i);
        snapshot.m_indexOfPid.insert(stat.pid, i);
        snapshot.m_childrenOfPid.insert(stat.parentPid, stat.pid);
    }
    return snapshot;
}

const ProcessStat *ProcessSnapshot::find(qint64 pid) const
{
    const auto it = m_indexOfPid.constFind(pid);
    return it == m_indexOfPid.cend() ? nullptr : &m_processes.at(*it);
}

QList<qint64> ProcessSnapshot::children(qint64 pid) const
{
    QList<qint64> children = m_childrenOfPid.values(pid);
    std::sort(children.begin(), children.end());
    children.removeAll(pid); // pid 0 is its own "parent" for the kernel's roots
    return children;
}

QList<qint64> ProcessSnapshot::descendants(qint64 pid) const
{
    QList<qint64> result;
    QSet<qint64> seen{pid};
    QList<qint64> stack = children(pid);
    std::reverse(stack.begin(), stack.end());
    while (!stack.isEmpty()) {
        const qint64 next = stack.takeLast();
        if (seen.contains(next))
            continue; // a pid reused mid-read could make a cycle
        seen.insert(next);
        result.append(next);
        QList<qint64> below = children(next);
        std::reverse(below.begin(), below.end());
        stack.append(below);
    }
    return result;
}

} // namespace aproc::monitor
