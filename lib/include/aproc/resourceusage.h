// SPDX-License-Identifier: MIT
#pragma once

#include <QtCore/QtGlobal>

#include <chrono>

namespace aproc {

/*! \brief What a child process used, as wait4() reports it (Python's resource.struct_rusage
 *  from os.wait4): CPU time in user mode and in the kernel, and peak memory. All zero when the
 *  child was reaped by someone else. */
struct ResourceUsage
{
    /*! \brief CPU time the child spent in user mode (ru_utime). */
    std::chrono::microseconds userTime{0};
    /*! \brief CPU time the kernel spent on the child's behalf (ru_stime). */
    std::chrono::microseconds systemTime{0};
    /*! \brief The child's peak resident set size in KiB (ru_maxrss); 0 when unknown. */
    qint64 maxResidentKiB = 0;

    /*! \brief Member-wise equality. */
    friend bool operator==(const ResourceUsage &, const ResourceUsage &) = default;
};

} // namespace aproc
