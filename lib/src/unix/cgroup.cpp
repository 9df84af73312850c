// SPDX-License-Identifier: MIT
// Cgroups for contained children: finding the cgroup v2 hierarchy (unified at /sys/fs/cgroup,
// or hybrid at /sys/fs/cgroup/unified), checking that this process may write below its own
// cgroup (on a systemd machine only a delegated subtree is), and one cgroup per child.
#include "unix/cgroup_p.h"

#include "global/logging_p.h"

#include <aproc/errors.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QMutex>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace aproc::detail::cgroup {

namespace {

QByteArray readSmallFile(const QByteArray &path)
{
    UniqueFd fd(::open(path.constData(), O_RDONLY | O_CLOEXEC));
    if (!fd)
        return {};
    QByteArray text;
    char buffer[4096];
    for (;;) {
        const ssize_t size = ::read(fd.get(), buffer, sizeof buffer);
        if (size < 0 && errno == EINTR)
            continue;
        if (size <= 0)
            break;
        text.append(buffer, size);
    }
    return text;
}

bool writeSmallFile(const QByteArray &path, const char *text)
{
    UniqueFd fd(::open(path.constData(), O_WRONLY | O_CLOEXEC));
    if (!fd)
        return false;
    const ssize_t length = ssize_t(std::strlen(text));
    ssize_t written;
    do {
        written = ::write(fd.get(), text, size_t(length));
    } while (written < 0 && errno == EINTR);
    return written == length;
}

// mountinfo escapes space, tab, newline and backslash as \ooo.
QByteArray unescapeMountField(const QByteArray &field)
{
    QByteArray out;
    for (qsizetype i = 0; i < field.size(); ++i) {
        if (field[i] == '\\' && i + 3 < field.size()) {
            out.append(char((field[i + 1] - '0') * 64 + (field[i + 2] - '0') * 8
                            + (field[i + 3] - '0')));
            i += 3;
        } else {
            out.append(field[i]);
        }
    }
    return out;
}

// The cgroup2 mount that holds this process's cgroup: <mount point><path below its root>.
QByteArray findOwnDirectory(const QByteArray &ownPath)
{
    const QList<QByteArray> lines = readSmallFile("/proc/self/mountinfo").split('\n');
    for (const QByteArray &line : lines) {
        const qsizetype separator = line.indexOf(" - ");
        if (separator < 0 || !line.mid(separator + 3).startsWith("cgroup2 "))
            continue;
        const QList<QByteArray> fields = line.left(separator).split(' ');
        if (fields.size() < 5)
            continue;
        const QByteArray root = unescapeMountField(fields[3]);
        const QByteArray mountPoint = unescapeMountField(fields[4]);
        if (root == "/")
            return ownPath == "/" ? mountPoint : mountPoint + ownPath;
        if (ownPath == root || ownPath.startsWith(QByteArray(root + '/')))
            return mountPoint + ownPath.mid(root.size());
    }
    return {};
}

void removeEmptyTree(const QByteArray &directory)
{
    if (DIR *dir = ::opendir(directory.constData())) {
        QList<QByteArray> below;
        while (const dirent *entry = ::readdir(dir)) {
            if (entry->d_type == DT_DIR && entry->d_name[0] != '.')
                below.append(directory + '/' + entry->d_name);
        }
        ::closedir(dir);
        for (const QByteArray &child : std::as_const(below))
            removeEmptyTree(child);
    }
    ::rmdir(directory.constData());
}

// aproc-<pid> directories of processes that are gone, left by a kill -9 without a guardian.
void removeStaleSessions(const QByteArray &ownDirectory)
{
    DIR *dir = ::opendir(ownDirectory.constData());
    if (!dir)
        return;
    QList<QByteArray> stale;
    while (const dirent *entry = ::readdir(dir)) {
        const QByteArray name(entry->d_name);
        if (entry->d_type != DT_DIR || !name.startsWith("aproc-"))
            continue;
        bool numeric = false;
        const qint64 pid = name.mid(6).toLongLong(&numeric);
        if (numeric && pid != ::getpid() && ::kill(pid_t(pid), 0) != 0 && errno == ESRCH)
            stale.append(ownDirectory + '/' + name);
    }
    ::closedir(dir);
    for (const QByteArray &session : std::as_const(stale))
        removeEmptyTree(session); // a populated one stays: its processes live
}

Probe runProbe()
{
    Probe probe;
    QByteArray ownPath;
    for (const QByteArray &line : readSmallFile("/proc/self/cgroup").split('\n')) {
        if (line.startsWith("0::"))
            ownPath = line.mid(3);
    }
    if (ownPath.isEmpty()) {
        probe.reason = QCoreApplication::translate(
                "aproc", "this process is in no cgroup v2 hierarchy (/proc/self/cgroup has no "
                         "\"0::\" line)");
        return probe;
    }
    probe.ownPath = ownPath;
    probe.ownDirectory = findOwnDirectory(ownPath);
    if (probe.ownDirectory.isEmpty()) {
        probe.reason
                = QCoreApplication::translate(
                          "aproc",
                          "no cgroup2 mount in /proc/self/mountinfo holds this process's cgroup "
                          "%1")
                          .arg(QString::fromLocal8Bit(ownPath));
        return probe;
    }
    const QString own = QString::fromLocal8Bit(probe.ownDirectory);
    if (::access(QByteArray(probe.ownDirectory + "/cgroup.procs").constData(), W_OK) != 0) {
        probe.reason = QCoreApplication::translate(
                               "aproc",
                               "%1 is not writable by this process: on a systemd machine, only a "
                               "delegated subtree is (systemd-run --user -p Delegate=yes)")
                               .arg(own);
        return probe;
    }
    probe.sessionDirectory = probe.ownDirectory + "/aproc-" + QByteArray::number(::getpid());
    if (::mkdir(probe.sessionDirectory.constData(), 0755) != 0 && errno != EEXIST) {
        const int error = errno;
        probe.reason = QCoreApplication::translate("aproc", "cannot make a cgroup in %1: %2")
                               .arg(own, QString::fromLocal8Bit(std::strerror(error)));
        probe.sessionDirectory.clear();
        return probe;
    }
    struct stat killFile;
    if (::stat(QByteArray(probe.sessionDirectory + "/cgroup.kill").constData(), &killFile) != 0) {
        probe.reason = QCoreApplication::translate(
                "aproc", "the kernel has no cgroup.kill (Linux 5.14 or later has)");
        ::rmdir(probe.sessionDirectory.constData());
        probe.sessionDirectory.clear();
        return probe;
    }
    removeStaleSessions(probe.ownDirectory);
    // The probe is a static that is destroyed before this handler runs: a copy that lives on.
    static const QByteArray *const sessionAtExit = new QByteArray(probe.sessionDirectory);
    std::atexit([] { removeEmptyTree(*sessionAtExit); });
    probe.usable = true;
    probe.reason = QCoreApplication::translate("aproc", "cgroup v2 at %1 is writable").arg(own);
    return probe;
}

std::atomic<quint64> g_sequence{0};

} // namespace

const Probe &probe()
{
    static const Probe result = runProbe();
    return result;
}

// Empty cgroups kept for the next children: a mkdir and an rmdir are most of what a cgroup
// costs a spawn. Reused only when nothing is in them; the CPU time they counted is subtracted.
constexpr std::size_t PooledCgroups = 4;

struct Pool
{
    QMutex mutex;
    std::vector<std::unique_ptr<Cgroup>> cgroups;
};

Pool &pool()
{
    static Pool instance;
    return instance;
}

std::unique_ptr<Cgroup> Cgroup::create()
{
    {
        Pool &kept = pool();
        QMutexLocker lock(&kept.mutex);
        if (!kept.cgroups.empty()) {
            std::unique_ptr<Cgroup> group = std::move(kept.cgroups.back());
            kept.cgroups.pop_back();
            lock.unlock();
            group->m_procs.reset(
                    ::open(QByteArray(group->m_directory + "/cgroup.procs").constData(),
                           O_WRONLY | O_CLOEXEC));
            if (!group->m_procs) // gone meanwhile (the hierarchy was unmounted): a new one
                return create();
            group->m_cpuBaseline = std::chrono::microseconds(0);
            group->m_cpuBaseline = group->cpuUsage().value_or(std::chrono::microseconds(0));
            return group;
        }
    }
    const Probe &found = probe();
    if (!found.usable) {
        throw RuntimeError(
                QCoreApplication::translate("aproc", "cgroup containment is not available: %1")
                        .arg(found.reason));
    }
    QByteArray directory = found.sessionDirectory + '/' + QByteArray::number(++g_sequence);
    if (::mkdir(directory.constData(), 0755) != 0)
        throwOSError(errno, QString::fromLocal8Bit(directory));
    std::unique_ptr<Cgroup> group(new Cgroup(std::move(directory)));
    group->m_procs.reset(::open(QByteArray(group->m_directory + "/cgroup.procs").constData(),
                                O_WRONLY | O_CLOEXEC));
    if (!group->m_procs)
        throwOSError(errno, QString::fromLocal8Bit(group->m_directory + "/cgroup.procs"));
    return group;
}

void Cgroup::recycle(std::unique_ptr<Cgroup> group)
{
    if (!group || group->m_removed || group->populated())
        return; // destroyed: removed now if empty, else when this process exits
    group->m_procs.reset(); // a kept cgroup holds no descriptor
    Pool &kept = pool();
    QMutexLocker lock(&kept.mutex);
    if (kept.cgroups.size() < PooledCgroups)
        kept.cgroups.push_back(std::move(group));
}

Cgroup::Cgroup(QByteArray directory) : m_directory(std::move(directory)) { }

Cgroup::~Cgroup()
{
    if (!remove())
        qCDebug(lcProcess, "cgroup %s is still populated; removed when this process exits",
                m_directory.constData());
}

bool Cgroup::populated() const
{
    if (m_removed)
        return false;
    const QByteArray events = readSmallFile(m_directory + "/cgroup.events");
    // An unreadable file: the directory is gone, and so is everything that was in it.
    return events.contains("populated 1");
}

QList<qint64> Cgroup::pids() const
{
    QList<qint64> pids;
    QList<QByteArray> directories{m_directory};
    while (!directories.isEmpty()) {
        const QByteArray directory = directories.takeLast();
        for (const QByteArray &line : readSmallFile(directory + "/cgroup.procs").split('\n')) {
            if (!line.isEmpty())
                pids.append(line.toLongLong());
        }
        if (DIR *dir = ::opendir(directory.constData())) {
            while (const dirent *entry = ::readdir(dir)) {
                if (entry->d_type == DT_DIR && entry->d_name[0] != '.')
                    directories.append(directory + '/' + entry->d_name);
            }
            ::closedir(dir);
        }
    }
    return pids;
}

bool Cgroup::holds(qint64 pid) const
{
    const Probe &found = probe();
    // The same cgroup as /proc names it: this process's path, then what lies below its own.
    const QByteArray path = found.ownPath == "/"
                                    ? m_directory.mid(found.ownDirectory.size())
                                    : found.ownPath + m_directory.mid(found.ownDirectory.size());
    for (const QByteArray &line :
         readSmallFile("/proc/" + QByteArray::number(pid) + "/cgroup").split('\n')) {
        if (line.startsWith("0::")) {
            const QByteArray own = line.mid(3);
            return own == path || own.startsWith(QByteArray(path + '/'));
        }
    }
    return false;
}

bool Cgroup::kill() const
{
    return !m_removed && writeSmallFile(m_directory + "/cgroup.kill", "1");
}

std::optional<std::chrono::microseconds> Cgroup::cpuUsage() const
{
    const QByteArray stat = readSmallFile(m_directory + "/cpu.stat");
    for (const QByteArray &line : stat.split('\n')) {
        if (line.startsWith("usage_usec "))
            return std::chrono::microseconds(line.mid(11).toLongLong()) - m_cpuBaseline;
    }
    return std::nullopt;
}

std::optional<qint64> Cgroup::memoryCurrent() const
{
    const QByteArray current = readSmallFile(m_directory + "/memory.current").trimmed();
    bool ok = false;
    const qint64 bytes = current.toLongLong(&ok);
    return ok ? std::optional<qint64>(bytes) : std::nullopt;
}

bool Cgroup::remove()
{
    if (m_removed)
        return true;
    m_procs.reset();
    // Cgroups a contained program made inside it are looked for only when the rmdir fails.
    if (::rmdir(m_directory.constData()) != 0 && errno != ENOENT) {
        removeEmptyTree(m_directory);
        struct stat gone;
        m_removed = ::stat(m_directory.constData(), &gone) != 0 && errno == ENOENT;
        return m_removed;
    }
    m_removed = true;
    return true;
}

} // namespace aproc::detail::cgroup
