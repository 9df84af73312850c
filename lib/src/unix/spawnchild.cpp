// SPDX-License-Identifier: MIT
// The child side of spawnChild(): what runs between clone() and execve().
//
// The child shares the parent's memory (CLONE_VM) while the parent's thread waits (CLONE_VFORK),
// so it may only read what the parent prepared and make system calls: no allocation, no locks,
// no libc state, no sanitizer runtime. This file is compiled without sanitizers and without
// loop-to-memset rewriting (lib/CMakeLists.txt), every call the child makes is syscall(2), and
// every function it runs carries APROC_CHILD_CODE as well.
#include "unix/spawnchild_p.h"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdint>
#include <fcntl.h>
#include <mutex>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifdef __GLIBC__
// glibc's own name for clone(), which no sanitizer intercepts: TSan's clone() interceptor models
// a clone as a fork and would rewrite its state from a child that shares the parent's memory.
extern "C" int __clone(int (*fn)(void *), void *stack, int flags, void *arg, ...);
#define APROC_CLONE __clone
#else
#define APROC_CLONE ::clone
#endif

#define APROC_CHILD_CODE __attribute__((no_sanitize("address", "undefined", "thread")))

namespace aproc::detail {

namespace {

// The kernel's struct sigaction starts with the handler on every Linux ABI; all zeros is SIG_DFL
// with no flags and an empty mask whatever the rest of the layout.
struct KernelSigaction
{
    std::uintptr_t handler;
    unsigned long rest[7];
};
constexpr KernelSigaction kDefaultAction{};
constexpr std::uintptr_t kIgnoreHandler = 1; // SIG_IGN
constexpr unsigned long kEmptyMask[2] = {0, 0};
constexpr unsigned long kFullMask[2] = {~0UL, ~0UL};
constexpr long kKernelSigsetBytes = (_NSIG - 1) / 8;
constexpr std::size_t kStackSize = 64 * 1024;
constexpr long kMaxFdsToClose = 1L << 20; // the kernel's default nr_open

std::atomic<bool> cloneGivesPidfd{true};

[[noreturn]] APROC_CHILD_CODE void fail(ChildPlan *plan, ChildStep step, int error)
{
    *static_cast<volatile int *>(&plan->error) = error;
    *static_cast<volatile ChildStep *>(&plan->failedStep) = step;
    for (;;)
        syscall(SYS_exit_group, 127);
}

// Every handler back to SIG_DFL before any signal can be unblocked: a handler of the parent
// would otherwise run in the child, on the parent's memory. restoreSignals also resets ignored
// signals (SIGPIPE, SIGHUP, ...); without it they stay ignored, as execve() would keep them.
APROC_CHILD_CODE bool resetSignalHandlers(const ChildPlan *plan)
{
    for (int signo = 1; signo < _NSIG; ++signo) {
        if (signo == SIGKILL || signo == SIGSTOP)
            continue;
        KernelSigaction current;
        if (syscall(SYS_rt_sigaction, signo, nullptr, &current, kKernelSigsetBytes) != 0)
            continue;
        if (current.handler == 0 || (current.handler == kIgnoreHandler && !plan->restoreSignals))
            continue;
        if (syscall(SYS_rt_sigaction, signo, &kDefaultAction, nullptr, kKernelSigsetBytes) != 0)
            return false;
    }
    return true;
}

APROC_CHILD_CODE void setUpSessionAndGroup(ChildPlan *plan)
{
    if (plan->dieWithParent) {
        if (syscall(SYS_prctl, PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0)
            fail(plan, ChildStep::ParentDeath, errno);
        if (syscall(SYS_getppid) != plan->parentPid) // the parent died before the prctl
            fail(plan, ChildStep::ParentDeath, ESRCH);
    }
    if (plan->newSession && syscall(SYS_setsid) < 0)
        fail(plan, ChildStep::Session, errno);
    if (plan->processGroup >= 0 && syscall(SYS_setpgid, 0, plan->processGroup) != 0)
        fail(plan, ChildStep::ProcessGroup, errno);
}

// Containment: into the child's own cgroup (writing 0 moves the writer), and a subreaper of its
// own tree, both before anything of the program runs.
APROC_CHILD_CODE void setUpContainment(ChildPlan *plan)
{
    if (plan->cgroupProcsFd >= 0 && syscall(SYS_write, plan->cgroupProcsFd, "0", 1) != 1)
        fail(plan, ChildStep::Cgroup, errno);
    if (plan->childSubreaper && syscall(SYS_prctl, PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0)
        fail(plan, ChildStep::Subreaper, errno);
}

// Every source is >= 3 (the parent moved them), or 1 for stderr = stdout: no dup clobbers a
// source that a later one needs.
APROC_CHILD_CODE void setUpStdio(ChildPlan *plan)
{
    for (int target = 0; target < 3; ++target) {
        const int source = plan->stdioSource[target];
        if (source >= 0 && syscall(SYS_dup3, source, target, 0) < 0)
            fail(plan, ChildStep::Stdio, errno);
    }
    if (plan->controllingTerminal >= 0
        && syscall(SYS_ioctl, plan->controllingTerminal, TIOCSCTTY, 0) != 0)
        fail(plan, ChildStep::ControllingTerminal, errno);
}

APROC_CHILD_CODE void makeKeptFdsInheritable(ChildPlan *plan)
{
    for (int i = 0; i < plan->keepFdCount; ++i) {
        const int fd = plan->keepFds[i];
        const long flags = syscall(SYS_fcntl, fd, F_GETFD);
        if (flags < 0
            || ((flags & FD_CLOEXEC) && syscall(SYS_fcntl, fd, F_SETFD, flags & ~FD_CLOEXEC) != 0))
            fail(plan, ChildStep::PassFds, errno);
    }
}

APROC_CHILD_CODE bool isKept(const ChildPlan *plan, long fd)
{
    for (int i = 0; i < plan->keepFdCount; ++i) {
        if (plan->keepFds[i] == fd)
            return true;
    }
    return false;
}

APROC_CHILD_CODE long parseDescriptor(const char *name)
{
    long value = 0;
    for (; *name; ++name) {
        if (*name < '0' || *name > '9')
            return -1;
        value = value * 10 + (*name - '0');
    }
    return value;
}

// Before Linux 5.9: close what /proc/self/fd lists, or else everything below the fd limit.
APROC_CHILD_CODE void closeListedFds(const ChildPlan *plan)
{
    const long dir
            = syscall(SYS_openat, AT_FDCWD, "/proc/self/fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir < 0) {
        rlimit64 limit;
        const bool known = syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, nullptr, &limit) == 0
                           && limit.rlim_cur != RLIM64_INFINITY;
        const long end
                = known && limit.rlim_cur < kMaxFdsToClose ? long(limit.rlim_cur) : kMaxFdsToClose;
        for (long fd = 3; fd < end; ++fd) {
            if (!isKept(plan, fd))
                syscall(SYS_close, fd);
        }
        return;
    }
    alignas(8) char buffer[2048];
    for (long size; (size = syscall(SYS_getdents64, dir, buffer, sizeof buffer)) > 0;) {
        for (long offset = 0; offset < size;) {
            const char *entry = buffer + offset;
            const unsigned short length = *reinterpret_cast<const unsigned short *>(entry + 16);
            const long fd = parseDescriptor(entry + 19);
            if (fd >= 3 && fd != dir && !isKept(plan, fd))
                syscall(SYS_close, fd);
            offset += length;
        }
    }
    syscall(SYS_close, dir);
}

// close_range() over the gaps between the kept descriptors.
APROC_CHILD_CODE void closeInheritedFds(const ChildPlan *plan)
{
    unsigned from = 3;
    for (int i = 0; i <= plan->keepFdCount; ++i) {
        const unsigned to = i < plan->keepFdCount ? unsigned(plan->keepFds[i]) : ~0U;
        if (to > from && syscall(SYS_close_range, from, to - 1, 0) != 0)
            return closeListedFds(plan);
        from = to + 1;
    }
}

// _posixsubprocess: try each candidate; report the first error that is not "not here", else the
// last one.
APROC_CHILD_CODE void execCandidates(ChildPlan *plan)
{
    int firstRelevant = 0;
    int last = ENOENT;
    for (const char *const *executable = plan->executables; *executable; ++executable) {
        syscall(SYS_execve, *executable, plan->argv, plan->envp);
        last = errno;
        if (last != ENOENT && last != ENOTDIR && firstRelevant == 0)
            firstRelevant = last;
    }
    fail(plan, ChildStep::Exec, firstRelevant ? firstRelevant : last);
}

APROC_CHILD_CODE int childMain(void *argument)
{
    auto *plan = static_cast<ChildPlan *>(argument);
    if (!resetSignalHandlers(plan))
        fail(plan, ChildStep::Signals, errno);
    setUpSessionAndGroup(plan);
    setUpContainment(plan);
    setUpStdio(plan);
    if (plan->workingDirectory && syscall(SYS_chdir, plan->workingDirectory) != 0)
        fail(plan, ChildStep::WorkingDirectory, errno);
    if (plan->umask >= 0)
        syscall(SYS_umask, plan->umask);
    makeKeptFdsInheritable(plan);
    if (plan->closeFds)
        closeInheritedFds(plan);
    const unsigned long *mask = plan->restoreSignals ? kEmptyMask : plan->parentSignalMask;
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, mask, nullptr, kKernelSigsetBytes);
    execCandidates(plan);
    return 127;
}

pid_t cloneWithStack(ChildPlan &plan, void *stackTop, int *pidfd)
{
    constexpr int flags = CLONE_VM | CLONE_VFORK | SIGCHLD;
    if (cloneGivesPidfd.load(std::memory_order_relaxed)) {
        const pid_t pid = APROC_CLONE(childMain, stackTop, flags | CLONE_PIDFD, &plan, pidfd);
        if (pid >= 0 || (errno != EINVAL && errno != ENOSYS && errno != EPERM))
            return pid;
        cloneGivesPidfd.store(false, std::memory_order_relaxed); // before Linux 5.2, or seccomp
    }
    *pidfd = -1;
    return APROC_CLONE(childMain, stackTop, flags, &plan);
}

// The children's stacks, kept for the next spawn: mapping, guarding and unmapping a fresh one
// cost three system calls and the child's page faults on every spawn. A stack is free again
// once clone() returned (CLONE_VFORK: the child has exec'd or exited by then); a few are kept
// for threads spawning at the same time.
class StackPool
{
public:
    static constexpr int Kept = 4;

    void *take()
    {
        {
            std::lock_guard lock(m_mutex);
            if (m_count > 0)
                return m_stacks[--m_count];
        }
        void *stack = mmap(nullptr, mappedSize(), PROT_READ | PROT_WRITE,
                           MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
        if (stack == MAP_FAILED)
            return nullptr;
        mprotect(stack, pageSize(), PROT_NONE); // a guard page below it: a stack grows down
        return stack;
    }

    void give(void *stack)
    {
        {
            std::lock_guard lock(m_mutex);
            if (m_count < Kept) {
                m_stacks[m_count++] = stack;
                return;
            }
        }
        munmap(stack, mappedSize());
    }

    static void *top(void *stack) { return static_cast<char *>(stack) + mappedSize(); }

private:
    static std::size_t pageSize()
    {
        static const std::size_t page = std::size_t(sysconf(_SC_PAGESIZE));
        return page;
    }
    static std::size_t mappedSize() { return kStackSize + pageSize(); }

    std::mutex m_mutex;
    void *m_stacks[Kept] = {};
    int m_count = 0;
};

StackPool &stackPool()
{
    static StackPool pool;
    return pool;
}

} // namespace

CloneResult cloneChild(ChildPlan &plan)
{
    void *stack = stackPool().take();
    if (!stack)
        return {-1, -1, errno};

    const int savedErrno = errno; // the child shares this thread's errno too
    if (plan.dieWithParent)
        plan.parentPid = syscall(SYS_getpid);
    // Also binds syscall() (lazy PLT binding) before the child needs it.
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, kFullMask, plan.parentSignalMask, kKernelSigsetBytes);
    CloneResult result;
    result.pid = cloneWithStack(plan, StackPool::top(stack), &result.pidfd);
    result.error = result.pid < 0 ? errno : 0;
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, plan.parentSignalMask, nullptr, kKernelSigsetBytes);
    stackPool().give(stack);
    errno = savedErrno;
    return result;
}

} // namespace aproc::detail
