// SPDX-License-Identifier: MIT
// Pseudo-terminals for Stdio::pty().
#include "unix/spawnsteps_p.h"

#include <aproc/errors.h>

#include <cerrno>
#include <cstdlib>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

namespace aproc::detail {

namespace {

constexpr int kSlaveFlags = O_RDWR | O_NOCTTY | O_CLOEXEC;

// TIOCGPTPEER (Linux 4.13) opens the slave without a path lookup; ptsname_r() before that.
UniqueFd openSlave(int master)
{
    const int peer = ::ioctl(master, TIOCGPTPEER, kSlaveFlags);
    if (peer >= 0)
        return UniqueFd(peer);
    char name[128];
    if (::ptsname_r(master, name, sizeof name) != 0)
        throwOSError(errno);
    UniqueFd slave(::open(name, kSlaveFlags));
    if (!slave)
        throwOSError(errno, QString::fromLocal8Bit(name));
    return slave;
}

} // namespace

PseudoTerminal openPseudoTerminal()
{
    PseudoTerminal pty;
    pty.master.reset(::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC));
    if (!pty.master)
        throwOSError(errno, QStringLiteral("/dev/ptmx"));
    if (::grantpt(pty.master.get()) != 0 || ::unlockpt(pty.master.get()) != 0)
        throwOSError(errno, QStringLiteral("/dev/ptmx"));
    pty.slave = openSlave(pty.master.get());
    // A terminal of 0x0 confuses programs that lay out text: start at the classic 24x80, set
    // before the child exists so that it can never see another size first.
    const winsize size{24, 80, 0, 0};
    ::ioctl(pty.master.get(), TIOCSWINSZ, &size);
    return pty;
}

} // namespace aproc::detail
