// SPDX-License-Identifier: MIT
#include "fd_p.h"

#include <aproc/errors.h>

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

namespace aproc::detail {

void UniqueFd::reset(int fd) noexcept
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = fd;
}

Pipe makePipe()
{
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
        throwOSError(errno);
    return {UniqueFd(fds[0]), UniqueFd(fds[1])};
}

void setNonBlocking(int fd, bool enabled)
{
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags < 0)
        throwOSError(errno);
    const int wanted = enabled ? flags | O_NONBLOCK : flags & ~O_NONBLOCK;
    if (wanted != flags && ::fcntl(fd, F_SETFL, wanted) != 0)
        throwOSError(errno);
}

} // namespace aproc::detail
