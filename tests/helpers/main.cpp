// SPDX-License-Identifier: MIT
// aproc-test-helper MODE [ARGS...]: the child program of Aproc's tests.
// Each mode does one small thing a test needs from a real child process.
#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <string>
#include <string_view>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

namespace {

bool writeAll(int fd, const char *data, size_t size)
{
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        data += n;
        size -= size_t(n);
    }
    return true;
}

bool writeString(int fd, std::string_view text)
{
    return writeAll(fd, text.data(), text.size());
}

// cat: copy stdin to stdout until EOF.
int modeCat()
{
    char buffer[65536];
    for (;;) {
        const ssize_t n = ::read(0, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return n == 0 ? 0 : 1;
        if (!writeAll(1, buffer, size_t(n)))
            return 1;
    }
}

// stdin-length: read stdin to EOF, print how many bytes came.
int modeStdinLength()
{
    char buffer[65536];
    size_t total = 0;
    for (ssize_t n; (n = ::read(0, buffer, sizeof buffer)) != 0;) {
        if (n < 0 && errno != EINTR)
            return 1;
        if (n > 0)
            total += size_t(n);
    }
    return writeString(1, std::to_string(total)) ? 0 : 1;
}

// print-fds: list the open descriptors, one per line (the directory's own fd excluded).
int modePrintFds()
{
    DIR *dir = ::opendir("/proc/self/fd");
    if (!dir)
        return 1;
    const int own = ::dirfd(dir);
    std::string out;
    while (dirent *entry = ::readdir(dir)) {
        if (entry->d_name[0] == '.' || std::atoi(entry->d_name) == own)
            continue;
        out += entry->d_name;
        out += '\n';
    }
    ::closedir(dir);
    return writeString(1, out) ? 0 : 1;
}

// flood BYTES [CHUNK]: write BYTES bytes of 'x' to stdout in CHUNK-sized writes.
int modeFlood(long long bytes, long long chunk)
{
    std::string block(size_t(chunk > 0 ? chunk : 65536), 'x');
    while (bytes > 0) {
        const size_t n = size_t(std::min<long long>(bytes, (long long)block.size()));
        if (!writeAll(1, block.data(), n))
            return 1;
        bytes -= (long long)n;
    }
    return 0;
}

// answer: a tiny interactive program: prompt "name? ", read a line, print "hello <line>".
int modeAnswer()
{
    std::string line;
    writeString(1, "name? ");
    char c;
    while (::read(0, &c, 1) == 1 && c != '\n')
        line += c;
    return writeString(1, "hello " + line + "\n") ? 0 : 1;
}

// tty-info: "tty=A,B,C ctty=D,E,F": whether fds 0, 1, 2 are terminals, and whether each is the
// controlling terminal of this process's session (TIOCGSID answers only for that one).
int modeTtyInfo()
{
    std::string isTty = "tty=";
    std::string isControlling = " ctty=";
    for (int fd = 0; fd < 3; ++fd) {
        const bool terminal = ::isatty(fd) == 1;
        const bool controlling = terminal && ::tcgetsid(fd) == ::getsid(0);
        isTty += std::string(fd ? "," : "") + (terminal ? '1' : '0');
        isControlling += std::string(fd ? "," : "") + (controlling ? '1' : '0');
    }
    return writeString(1, isTty + isControlling) ? 0 : 1;
}

// umask: the umask in octal, e.g. "022".
int modeUmask()
{
    const mode_t mask = ::umask(0);
    ::umask(mask);
    char text[8];
    std::snprintf(text, sizeof text, "%03o", unsigned(mask));
    return writeString(1, text) ? 0 : 1;
}

// pdeathsig: the signal PR_SET_PDEATHSIG set (0: none).
int modePdeathsig()
{
    int signo = -1;
    if (::prctl(PR_GET_PDEATHSIG, &signo) != 0)
        return 1;
    return writeString(1, std::to_string(signo)) ? 0 : 1;
}

// pgid: "PID PGID SID" of this process.
int modePgid()
{
    return writeString(1, std::to_string(::getpid()) + ' ' + std::to_string(::getpgrp()) + ' '
                                  + std::to_string(::getsid(0)))
                   ? 0
                   : 1;
}

// read-dev-stdin: open /dev/stdin by name (a real pipe, not a socket) and copy it to stdout.
int modeReadDevStdin()
{
    const int fd = ::open("/dev/stdin", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 2;
    char buffer[4096];
    for (ssize_t n; (n = ::read(fd, buffer, sizeof buffer)) != 0;) {
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 || !writeAll(1, buffer, size_t(n)))
            return 1;
    }
    ::close(fd);
    return 0;
}

int usage()
{
    writeString(2,
                "usage: aproc-test-helper MODE [ARGS]\n"
                "modes: echo ARGS | cat | exit N | kill-self SIG | sleep SECONDS | print-env NAME\n"
                "       print-fds | print-cwd | stdin-length | out-err TEXT | flood BYTES [CHUNK]\n"
                "       ignore-term | answer | grandchild SECONDS | print-sigmask | abort\n"
                "       tty-info | umask | pdeathsig | pgid | read-dev-stdin\n");
    return 64;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 2)
        return usage();
    const std::string_view mode = argv[1];
    const auto arg = [&](int i) -> const char * { return i < argc ? argv[i] : ""; };

    if (mode == "echo") { // echo ARGS: print the arguments, one per line
        std::string out;
        for (int i = 2; i < argc; ++i)
            out += std::string(argv[i]) + '\n';
        return writeString(1, out) ? 0 : 1;
    }
    if (mode == "cat")
        return modeCat();
    if (mode == "exit")
        return std::atoi(arg(2));
    if (mode == "kill-self") {
        std::signal(std::atoi(arg(2)), SIG_DFL);
        ::raise(std::atoi(arg(2)));
        return 1;
    }
    if (mode == "sleep") { // prints "sleeping" first so a test knows the child is up
        writeString(1, "sleeping\n");
        ::sleep(unsigned(std::atoi(arg(2))));
        return 0;
    }
    if (mode == "print-env") {
        const char *value = std::getenv(arg(2));
        return value && writeString(1, value) ? 0 : 1;
    }
    if (mode == "print-fds")
        return modePrintFds();
    if (mode == "print-cwd") {
        char buffer[4096];
        return ::getcwd(buffer, sizeof buffer) && writeString(1, buffer) ? 0 : 1;
    }
    if (mode == "stdin-length")
        return modeStdinLength();
    if (mode == "out-err") { // OUT:text on stdout, ERR:text on stderr
        return writeString(1, std::string("OUT:") + arg(2))
                               && writeString(2, std::string("ERR:") + arg(2))
                       ? 0
                       : 1;
    }
    if (mode == "flood")
        return modeFlood(std::atoll(arg(2)), std::atoll(arg(3)));
    if (mode == "ignore-term") { // ignores SIGTERM; prints "ready" and sleeps
        std::signal(SIGTERM, SIG_IGN);
        writeString(1, "ready\n");
        for (;;)
            ::pause();
    }
    if (mode == "answer")
        return modeAnswer();
    if (mode == "grandchild") { // forks a sleeper that keeps stdout open, prints its pid, exits
        const pid_t pid = ::fork();
        if (pid == 0) {
            ::sleep(unsigned(std::atoi(arg(2))));
            ::_exit(0);
        }
        return writeString(1, std::to_string(pid) + '\n') ? 0 : 1;
    }
    if (mode == "print-sigmask") { // the blocked and ignored signals, as two numbers
        sigset_t blocked;
        sigprocmask(SIG_SETMASK, nullptr, &blocked);
        unsigned long blockedBits = 0, ignoredBits = 0;
        for (int sig = 1; sig < 32; ++sig) {
            struct sigaction action
            { };
            sigaction(sig, nullptr, &action);
            if (sigismember(&blocked, sig))
                blockedBits |= 1UL << sig;
            if (action.sa_handler == SIG_IGN)
                ignoredBits |= 1UL << sig;
        }
        return writeString(1, std::to_string(blockedBits) + ' ' + std::to_string(ignoredBits)) ? 0
                                                                                               : 1;
    }
    if (mode == "abort")
        std::abort();
    if (mode == "tty-info")
        return modeTtyInfo();
    if (mode == "umask")
        return modeUmask();
    if (mode == "pdeathsig")
        return modePdeathsig();
    if (mode == "pgid")
        return modePgid();
    if (mode == "read-dev-stdin")
        return modeReadDevStdin();
    return usage();
}
