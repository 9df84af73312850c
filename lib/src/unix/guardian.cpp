// SPDX-License-Identifier: MIT
// The guardian (guardian_p.h): this process's registry and the write end of the guardian's pipe,
// and the guardian's own loop. The guardian is forked from a multithreaded process without exec,
// so its side makes only async-signal-safe calls on memory it maps itself: no Qt, no malloc, no
// lock; it kills what is registered when the pipe reaches EOF.
#include "unix/guardian_p.h"

#include "global/logging_p.h"
#include "unix/childwatcher_p.h"

#include <QtCore/QMutex>

#include <array>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <ctime>
#include <map>
#include <tuple>

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace aproc::detail::guardian {

namespace {

enum Op : quint8 { Guard = 1, Release = 2 };
enum Kind : quint8 { Cgroup = 1, Group = 2, Process = 3, Tree = 4 };

constexpr std::size_t MaxPath = 3800;
constexpr std::size_t MaxEntries = 4096; // of each kind
constexpr int CommandFd = 3; // the read end, in the guardian
constexpr long DrainNs = 1'000'000'000; // how long the guardian waits for its cgroups to empty
constexpr long PollNs = 1'000'000; // how often it looks at cgroup.events meanwhile

// One command: this header, then pathLength bytes of path (a cgroup's; none otherwise).
struct Header
{
    quint8 op;
    quint8 kind;
    quint16 pathLength;
    quint32 reserved;
    qint64 id; // the pid or pgid
    quint64 startTime;
};

struct Record
{
    Header header;
    char path[MaxPath];
};
static_assert(sizeof(Record) <= PIPE_BUF, "one write() must be atomic");

// ---- the guardian's side: async-signal-safe only ----------------------------------------------

struct Tables
{
    qint64 groups[MaxEntries]; // 0: free
    qint64 pids[MaxEntries]; // 0: free
    quint64 startTimes[MaxEntries];
    qint64 trees[MaxEntries]; // the roots; 0: free
    quint64 treeStartTimes[MaxEntries];
    qint64 collected[4 * MaxEntries]; // a tree's processes, stopped, until they are killed
    char cgroups[MaxEntries][MaxPath + 1]; // "": free
    char path[PATH_MAX]; // scratch
    Record record; // the command being read
};

constexpr int IgnoredSignals[] = {SIGINT, SIGQUIT, SIGHUP, SIGTSTP, SIGTTIN, SIGTTOU, SIGPIPE};

char *append(char *out, const char *text)
{
    while ((*out = *text++) != 0)
        ++out;
    return out;
}

char *appendNumber(char *out, quint64 value)
{
    char digits[24];
    int count = 0;
    do {
        digits[count++] = char('0' + value % 10);
        value /= 10;
    } while (value != 0);
    while (count > 0)
        *out++ = digits[--count];
    *out = 0;
    return out;
}

qint64 nowNs()
{
    timespec now{};
    ::clock_gettime(CLOCK_MONOTONIC, &now);
    return qint64(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

// Reads at most size - 1 bytes of \a path, NUL-terminated; -1 if it cannot be opened.
ssize_t readSmallFile(const char *path, char *buffer, std::size_t size)
{
    const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    ssize_t total = 0;
    while (total < ssize_t(size) - 1) {
        const ssize_t n = ::read(fd, buffer + total, size - 1 - std::size_t(total));
        if (n == 0 || (n < 0 && errno != EINTR))
            break;
        total += n > 0 ? n : 0;
    }
    ::close(fd);
    buffer[total] = 0;
    return total;
}

bool writeFile(const char *path, const char *text)
{
    const int fd = ::open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool written = ::write(fd, text, std::strlen(text)) > 0;
    ::close(fd);
    return written;
}

// Field 22 of /proc/<pid>/stat, or ~0 when the process is gone.
quint64 startTimeOf(qint64 pid, char *path)
{
    append(appendNumber(append(path, "/proc/"), quint64(pid)), "/stat");
    char text[1024];
    if (readSmallFile(path, text, sizeof text) <= 0)
        return ~quint64(0);
    const char *field = std::strrchr(text, ')'); // the name may hold spaces and parentheses
    int spaces = 0; // the one before field N is the (N - 2)th after the name
    for (; field && *field && spaces < 20; ++field)
        spaces += *field == ' ' ? 1 : 0;
    if (spaces < 20 || *field < '0' || *field > '9')
        return ~quint64(0);
    quint64 value = 0;
    for (; *field >= '0' && *field <= '9'; ++field)
        value = value * 10 + quint64(*field - '0');
    return value;
}

void killIfSame(qint64 pid, quint64 startTime, char *path)
{
    const int pidfd = int(::syscall(SYS_pidfd_open, pid_t(pid), 0));
    if (startTimeOf(pid, path) == startTime) {
        if (pidfd >= 0)
            ::syscall(SYS_pidfd_send_signal, pidfd, SIGKILL, nullptr, 0);
        else
            ::kill(pid_t(pid), SIGKILL);
    }
    if (pidfd >= 0)
        ::close(pidfd);
}

// SIGKILL to every pid listed in the file \a path; how many there were.
int killListed(const char *path)
{
    const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    int count = 0;
    qint64 pid = 0;
    char buffer[1024];
    for (ssize_t n; (n = ::read(fd, buffer, sizeof buffer)) > 0 || (n < 0 && errno == EINTR);) {
        for (ssize_t i = 0; i < n; ++i) {
            if (buffer[i] >= '0' && buffer[i] <= '9') {
                pid = pid * 10 + (buffer[i] - '0');
            } else if (pid > 0) {
                ::kill(pid_t(pid), SIGKILL);
                ++count;
                pid = 0;
            }
        }
    }
    ::close(fd);
    return count;
}

void killCgroup(const char *directory, char *path, qint64 deadline)
{
    char *end = append(path, directory);
    append(end, "/cgroup.kill");
    if (writeFile(path, "1"))
        return;
    append(end, "/cgroup.freeze"); // before Linux 5.14: freeze it, so nothing forks meanwhile
    writeFile(path, "1");
    append(end, "/cgroup.procs");
    while (killListed(path) > 0 && nowNs() < deadline) { }
}

void waitUntilEmpty(const char *directory, char *path, qint64 deadline)
{
    append(append(path, directory), "/cgroup.events");
    for (;;) {
        char events[512];
        if (readSmallFile(path, events, sizeof events) < 0 || std::strstr(events, "populated 0"))
            return;
        if (nowNs() >= deadline)
            return;
        const timespec pause = {0, PollNs};
        ::nanosleep(&pause, nullptr);
    }
}

// Removes the cgroup at \a path (of \a length), its child cgroups first.
void removeTree(char *path, std::size_t length, int depth)
{
    const int dir = ::open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0 && depth < 64) {
        alignas(dirent64) char buffer[2048];
        for (ssize_t n; (n = ::getdents64(dir, buffer, sizeof buffer)) > 0;) {
            for (ssize_t offset = 0; offset < n;) {
                const auto *entry = reinterpret_cast<const dirent64 *>(buffer + offset);
                offset += entry->d_reclen;
                const std::size_t nameLength = std::strlen(entry->d_name);
                if (entry->d_type != DT_DIR || entry->d_name[0] == '.'
                    || length + nameLength + 2 > PATH_MAX)
                    continue; // cgroup names never start with a dot: "." and ".." are skipped
                char *end = append(path + length, "/");
                append(end, entry->d_name);
                removeTree(path, length + 1 + nameLength, depth + 1);
                path[length] = 0;
            }
        }
    }
    if (dir >= 0)
        ::close(dir);
    ::rmdir(path);
}

// Appends the children of \a pid (every thread's /proc/<pid>/task/<tid>/children) to
// tables.collected from \a count on; the new count.
std::size_t collectChildren(Tables &tables, qint64 pid, std::size_t count)
{
    char *end = appendNumber(append(tables.path, "/proc/"), quint64(pid));
    append(end, "/task");
    const int dir = ::open(tables.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir < 0)
        return count;
    alignas(dirent64) char entries[1024];
    for (ssize_t n; (n = ::getdents64(dir, entries, sizeof entries)) > 0;) {
        for (ssize_t offset = 0; offset < n;) {
            const auto *entry = reinterpret_cast<const dirent64 *>(entries + offset);
            offset += entry->d_reclen;
            if (entry->d_name[0] < '0' || entry->d_name[0] > '9')
                continue;
            char *file = append(append(end, "/task/"), entry->d_name);
            append(file, "/children");
            char text[4096];
            if (readSmallFile(tables.path, text, sizeof text) <= 0)
                continue;
            qint64 child = 0;
            for (const char *c = text;; ++c) {
                if (*c >= '0' && *c <= '9') {
                    child = child * 10 + (*c - '0');
                } else {
                    if (child > 1 && count < std::size(tables.collected))
                        tables.collected[count++] = child;
                    child = 0;
                    if (*c == 0)
                        break;
                }
            }
        }
    }
    ::close(dir);
    return count;
}

// A tree by its root: every process below it is stopped on the way down (a stopped process
// forks nothing), then all get SIGKILL. The root is known by its start time; the others are
// its descendants now, found through their parents.
void killTree(Tables &tables, qint64 root, quint64 startTime)
{
    if (startTimeOf(root, tables.path) != startTime)
        return;
    std::size_t count = 0;
    tables.collected[count++] = root;
    for (std::size_t next = 0; next < count; ++next) {
        ::kill(pid_t(tables.collected[next]), SIGSTOP);
        count = collectChildren(tables, tables.collected[next], count);
    }
    for (std::size_t i = 0; i < count; ++i)
        ::kill(pid_t(tables.collected[i]), SIGKILL);
}

void killEverything(Tables &tables)
{
    for (std::size_t i = 0; i < MaxEntries; ++i) {
        if (tables.trees[i] > 1)
            killTree(tables, tables.trees[i], tables.treeStartTimes[i]);
    }
    const qint64 deadline = nowNs() + DrainNs;
    for (const qint64 group : tables.groups) {
        if (group > 1) // never kill(-1): that is every process we may signal
            ::kill(pid_t(-group), SIGKILL);
    }
    for (std::size_t i = 0; i < MaxEntries; ++i) {
        if (tables.pids[i] > 1)
            killIfSame(tables.pids[i], tables.startTimes[i], tables.path);
    }
    for (const char *cgroup : tables.cgroups) {
        if (cgroup[0] != 0)
            killCgroup(cgroup, tables.path, deadline);
    }
    for (const char *cgroup : tables.cgroups) {
        if (cgroup[0] == 0)
            continue;
        waitUntilEmpty(cgroup, tables.path, deadline);
        removeTree(tables.path, std::size_t(append(tables.path, cgroup) - tables.path), 0);
    }
}

// Finds the entry of \a record in its table, or a free one when \a free; -1 when none.
int slotOf(Tables &tables, const Record &record, bool free)
{
    for (std::size_t i = 0; i < MaxEntries; ++i) {
        bool match = false;
        if (record.header.kind == Group)
            match = tables.groups[i] == (free ? 0 : record.header.id);
        else if (record.header.kind == Process)
            match = tables.pids[i] == (free ? 0 : record.header.id);
        else if (record.header.kind == Tree)
            match = tables.trees[i] == (free ? 0 : record.header.id);
        else if (free)
            match = tables.cgroups[i][0] == 0;
        else
            match = std::strcmp(tables.cgroups[i], record.path) == 0;
        if (match)
            return int(i);
    }
    return -1;
}

void apply(Tables &tables, const Record &record)
{
    const bool guard = record.header.op == Guard;
    int slot = slotOf(tables, record, false);
    if (guard && slot < 0)
        slot = slotOf(tables, record, true);
    if (slot < 0)
        return;
    if (record.header.kind == Group) {
        tables.groups[slot] = guard ? record.header.id : 0;
    } else if (record.header.kind == Process) {
        tables.pids[slot] = guard ? record.header.id : 0;
        tables.startTimes[slot] = record.header.startTime;
    } else if (record.header.kind == Tree) {
        tables.trees[slot] = guard ? record.header.id : 0;
        tables.treeStartTimes[slot] = record.header.startTime;
    } else {
        if (guard)
            std::memcpy(tables.cgroups[slot], record.path, record.header.pathLength + 1u);
        else
            tables.cgroups[slot][0] = 0;
    }
}

bool readFully(char *out, std::size_t size)
{
    for (std::size_t done = 0; done < size;) {
        const ssize_t n = ::read(CommandFd, out + done, size - done);
        if (n == 0 || (n < 0 && errno != EINTR))
            return false;
        done += std::size_t(n > 0 ? n : 0);
    }
    return true;
}

// One command into \a record; false at EOF (or on a malformed command: never from this process).
bool readRecord(Record &record)
{
    if (!readFully(reinterpret_cast<char *>(&record.header), sizeof record.header)
        || record.header.pathLength >= MaxPath)
        return false;
    record.path[record.header.pathLength] = 0;
    return readFully(record.path, record.header.pathLength);
}

void closeFrom(int first)
{
    if (::close_range(unsigned(first), ~0U, 0) == 0)
        return;
    rlimit limit{};
    const rlim_t last = ::getrlimit(RLIMIT_NOFILE, &limit) == 0 ? limit.rlim_cur : 65536;
    for (rlim_t fd = rlim_t(first); fd < last && fd < (1 << 20); ++fd)
        ::close(int(fd));
}

void becomeGuardian(int readEnd)
{
    const int kept = ::fcntl(readEnd, F_DUPFD, CommandFd + 1);
    const int null = ::open("/dev/null", O_RDWR);
    if (kept < 0 || null < 0)
        ::_exit(1);
    for (int fd = 0; fd < 3; ++fd)
        ::dup2(null, fd);
    ::dup2(kept, CommandFd);
    closeFrom(CommandFd + 1);
    ::setpgid(0, 0);
    struct sigaction action = {};
    sigemptyset(&action.sa_mask);
    action.sa_handler = SIG_DFL; // the parent's handlers are not ours
    for (int signo = 1; signo < NSIG; ++signo)
        ::sigaction(signo, &action, nullptr);
    action.sa_handler = SIG_IGN;
    for (const int signo : IgnoredSignals)
        ::sigaction(signo, &action, nullptr);
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    ::prctl(PR_SET_NAME, "aproc-guardian", 0, 0, 0);
    if (::chdir("/") != 0) { } // it must not keep a mount busy; nothing to do if it cannot
}

[[noreturn]] void runGuardian(int readEnd)
{
    becomeGuardian(readEnd);
    void *memory = ::mmap(nullptr, sizeof(Tables), PROT_READ | PROT_WRITE,
                          MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (memory == MAP_FAILED)
        ::_exit(1);
    Tables &tables = *static_cast<Tables *>(memory); // zero-filled: every entry free
    while (readRecord(tables.record))
        apply(tables, tables.record);
    killEverything(tables);
    ::_exit(0);
}

// ---- this process's side ----------------------------------------------------------------------

// Writes \a record in one write(); a SIGPIPE it raises (the guardian is gone) is blocked and
// consumed, so that it cannot end this process.
bool writeRecord(int fd, const Record &record)
{
    const std::size_t size = sizeof record.header + record.header.pathLength;
    sigset_t pipeSignal, previous, pending;
    sigemptyset(&pipeSignal);
    sigaddset(&pipeSignal, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipeSignal, &previous);
    sigpending(&pending);
    const bool wasPending = sigismember(&pending, SIGPIPE) == 1;
    ssize_t written;
    do {
        written = ::write(fd, &record, size);
    } while (written < 0 && errno == EINTR);
    const int error = errno;
    if (written < 0 && error == EPIPE && !wasPending) {
        const timespec now = {0, 0};
        while (sigtimedwait(&pipeSignal, nullptr, &now) < 0 && errno == EINTR) { }
    }
    pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    if (written == ssize_t(size))
        return true;
    qCDebug(lcProcess, "guardian: cannot write a command (%s)", std::strerror(error));
    return false;
}

class Guardian
{
public:
    using Key = std::tuple<quint8, qint64, QByteArray>; // kind, pid or pgid, path

    bool guard(const Key &key, quint64 startTime);
    void release(const Key &key);
    bool ensureRunning();
    qint64 pid();

private:
    bool deliver(Op op, const Key &key, quint64 startTime);
    bool restart();
    bool start();

    QBasicMutex m_mutex;
    UniqueFd m_writeEnd; // all below guarded by m_mutex
    qint64 m_pid = 0;
    std::map<Key, quint64> m_registry; // the start times
    std::array<std::size_t, Tree + 1> m_counts{}; // by kind
};

Guardian &instance()
{
    static Guardian *guardian = new Guardian; // never destroyed: the pipe must stay open
    return *guardian;
}

bool Guardian::guard(const Key &key, quint64 startTime)
{
    QMutexLocker locker(&m_mutex);
    const quint8 kind = std::get<0>(key);
    const auto [it, added] = m_registry.insert_or_assign(key, startTime);
    if (added && m_counts[kind] >= MaxEntries) {
        m_registry.erase(it);
        qCWarning(lcProcess, "guardian: cannot guard more than %zu of a kind", MaxEntries);
        return false;
    }
    m_counts[kind] += added ? 1 : 0;
    if (deliver(Guard, key, startTime))
        return true;
    if (added) {
        m_registry.erase(key);
        --m_counts[kind];
    }
    return false;
}

void Guardian::release(const Key &key)
{
    QMutexLocker locker(&m_mutex);
    if (m_registry.erase(key) == 0)
        return;
    --m_counts[std::get<0>(key)];
    if (m_writeEnd.isValid())
        deliver(Release, key, 0);
}

bool Guardian::ensureRunning()
{
    QMutexLocker locker(&m_mutex);
    return m_writeEnd.isValid() || restart();
}

qint64 Guardian::pid()
{
    QMutexLocker locker(&m_mutex);
    return m_pid;
}

Record recordOf(Op op, const Guardian::Key &key, quint64 startTime)
{
    Record record;
    const QByteArray &path = std::get<2>(key);
    record.header = {op, std::get<0>(key), quint16(path.size()), 0, std::get<1>(key), startTime};
    std::memcpy(record.path, path.constData(), std::size_t(path.size()));
    return record;
}

// Sends one command; when the guardian is gone (or not started yet), a new one gets every
// registration instead, this one included.
bool Guardian::deliver(Op op, const Key &key, quint64 startTime)
{
    if (m_writeEnd.isValid() && writeRecord(m_writeEnd.get(), recordOf(op, key, startTime)))
        return true;
    m_writeEnd.reset();
    if (m_registry.empty())
        return true;
    if (m_pid != 0)
        qCWarning(lcProcess, "guardian: pid %lld is gone, starting a new one", m_pid);
    return restart();
}

bool Guardian::restart()
{
    if (!start())
        return false;
    for (const auto &[key, startTime] : m_registry) {
        if (!writeRecord(m_writeEnd.get(), recordOf(Guard, key, startTime))) {
            qCWarning(lcProcess, "guardian: pid %lld ended at once", m_pid);
            m_writeEnd.reset();
            return false;
        }
    }
    return true;
}

bool Guardian::start()
{
    int ends[2];
    if (::pipe2(ends, O_CLOEXEC) != 0) {
        qCWarning(lcProcess, "guardian: cannot make its pipe (%s)", std::strerror(errno));
        return false;
    }
    UniqueFd readEnd(ends[0]);
    UniqueFd writeEnd(ends[1]);
    const pid_t child = ::fork();
    if (child < 0) {
        qCWarning(lcProcess, "guardian: cannot fork (%s)", std::strerror(errno));
        return false;
    }
    if (child == 0)
        runGuardian(readEnd.get());
    m_writeEnd = std::move(writeEnd);
    m_pid = child;
    reapInBackground(child, UniqueFd(pidfd::open(child)));
    qCDebug(lcProcess, "guardian: started, pid %lld", m_pid);
    return true;
}

} // namespace

bool guardCgroup(const QByteArray &directory)
{
    if (!directory.startsWith('/') || directory.size() >= qsizetype(MaxPath)
        || directory.contains('\0')) {
        qCWarning(lcProcess, "guardian: refusing cgroup path \"%s\" (absolute, < %zu bytes)",
                  directory.left(200).constData(), MaxPath);
        return false;
    }
    return instance().guard({Cgroup, 0, directory}, 0);
}

void releaseCgroup(const QByteArray &directory)
{
    instance().release({Cgroup, 0, directory});
}

bool guardProcessGroup(qint64 pgid)
{
    if (pgid <= 1 || pgid == ::getpgrp()) {
        qCWarning(lcProcess, "guardian: refusing process group %lld", pgid);
        return false;
    }
    return instance().guard({Group, pgid, {}}, 0);
}

void releaseProcessGroup(qint64 pgid)
{
    instance().release({Group, pgid, {}});
}

bool guardProcess(qint64 pid, quint64 startTime)
{
    if (pid <= 1 || pid == ::getpid()) {
        qCWarning(lcProcess, "guardian: refusing pid %lld", pid);
        return false;
    }
    return instance().guard({Process, pid, {}}, startTime);
}

void releaseProcess(qint64 pid)
{
    instance().release({Process, pid, {}});
}

bool guardTree(qint64 pid, quint64 startTime)
{
    if (pid <= 1 || pid == ::getpid()) {
        qCWarning(lcProcess, "guardian: refusing tree root %lld", pid);
        return false;
    }
    return instance().guard({Tree, pid, {}}, startTime);
}

void releaseTree(qint64 pid)
{
    instance().release({Tree, pid, {}});
}

bool ensureRunning()
{
    return instance().ensureRunning();
}

qint64 pid()
{
    return instance().pid();
}

} // namespace aproc::detail::guardian
