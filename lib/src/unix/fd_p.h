// SPDX-License-Identifier: MIT
//
//  W A R N I N G
//  -------------
// This file is not part of the Aproc API. It may change from version to version.
#pragma once

#include "global/autotest_p.h"
#include <aproc/processoptions.h>

#include <exception>
#include <utility>

namespace aproc::detail {

/*! \brief An owned file descriptor, closed on destruction (retrying nothing: close() is never
 *  retried on Linux). -1 is "none". */
class APROC_AUTOTEST_EXPORT UniqueFd
{
public:
    UniqueFd() noexcept = default;
    explicit UniqueFd(int fd) noexcept : m_fd(fd) { }
    UniqueFd(UniqueFd &&other) noexcept : m_fd(other.release()) { }
    UniqueFd &operator=(UniqueFd &&other) noexcept
    {
        reset(other.release());
        return *this;
    }
    UniqueFd(const UniqueFd &) = delete;
    UniqueFd &operator=(const UniqueFd &) = delete;
    ~UniqueFd() { reset(); }

    int get() const noexcept { return m_fd; }
    bool isValid() const noexcept { return m_fd >= 0; }
    explicit operator bool() const noexcept { return isValid(); }
    int release() noexcept { return std::exchange(m_fd, -1); }
    void reset(int fd = -1) noexcept;

private:
    int m_fd = -1;
};

/*! \brief The two ends of a pipe. */
struct Pipe
{
    UniqueFd readEnd;
    UniqueFd writeEnd;
};

/*! \brief A new pipe whose ends are both close-on-exec; throws OSError. */
APROC_AUTOTEST_EXPORT Pipe makePipe();

/*! \brief The end of a pipe transport (asyncio's `_call_connection_lost`): tells \a protocol,
 *  then closes \a fd even if the protocol throws, and lets go of \a self, the reference that
 *  kept the transport alive while it was open. */
template<typename Protocol, typename Self>
void finishPipeConnection(Protocol &protocol, UniqueFd &fd, Self &self, std::exception_ptr error)
{
    const auto keepAlive = std::move(self); // released when this call returns
    struct CloseFd
    {
        UniqueFd &fd;
        ~CloseFd() { fd.reset(); } // as asyncio's `finally: self._pipe.close()`
    } closeFd{fd};
    protocol.connectionLost(error);
}

/*! \brief /proc/sys/fs/pipe-max-size: the largest pipe an unprivileged process may ask for;
 *  1 MiB (the kernel's default) when it cannot be read. */
APROC_AUTOTEST_EXPORT int maximumPipeSize();

/*! \brief Sets the capacity of the pipe \a fd to \a bytes (F_SETPIPE_SZ), clamped to
 *  maximumPipeSize(), and gives the capacity the kernel chose (a power of two pages, at least
 *  \a bytes unless clamped); \a bytes must be positive. Throws OSError when the kernel
 *  refuses (EPERM once the user's pipe quota is used up, EBUSY when the pipe holds more). This is
 *  ProcessOptions::pipeSize. */
APROC_AUTOTEST_EXPORT int setPipeSize(int fd, int bytes);

/*! \brief setPipeSize() on the parent's end of each stream that \a options pipe (not a pty),
 *  when \a options set a pipeSize; \a parentEnds are indexed by stream (0, 1, 2). Called before
 *  the child is spawned, so that all its I/O goes through the resized pipes. */
APROC_AUTOTEST_EXPORT void applyPipeSize(const ProcessOptions &options,
                                         const UniqueFd (&parentEnds)[3]);

/*! \brief Sets or clears O_NONBLOCK; throws OSError. */
APROC_AUTOTEST_EXPORT void setNonBlocking(int fd, bool enabled = true);

} // namespace aproc::detail
