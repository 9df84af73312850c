// SPDX-License-Identifier: MIT
// What the concurrent programs measure about themselves: open descriptors and resident memory,
// and the descriptor limit raised to the hard limit (QProcess needs it for 500 children).
#pragma once
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <sys/resource.h>

namespace bench {

/*! \brief Raises RLIMIT_NOFILE to the hard limit. */
inline void raiseDescriptorLimit()
{
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
}

/*! \brief The number of open descriptors (entries of /proc/self/fd, less the one listing it). */
inline int openDescriptors()
{
    DIR *dir = opendir("/proc/self/fd");
    if (!dir)
        return -1;
    int count = 0;
    while (const dirent *entry = readdir(dir))
        count += entry->d_name[0] != '.';
    closedir(dir);
    return count - 1;
}

/*! \brief VmRSS from /proc/self/status, in KiB. */
inline long residentKib()
{
    FILE *status = std::fopen("/proc/self/status", "r");
    if (!status)
        return -1;
    char line[256];
    long kib = -1;
    while (std::fgets(line, sizeof line, status))
        if (std::strncmp(line, "VmRSS:", 6) == 0)
            kib = std::strtol(line + 6, nullptr, 10);
    std::fclose(status);
    return kib;
}

/*! \brief The value of "--name N" in argv, or \a fallback. */
inline double argument(int argc, char **argv, const char *name, double fallback)
{
    for (int i = 1; i + 1 < argc; ++i)
        if (std::strcmp(argv[i], name) == 0)
            return std::atof(argv[i + 1]);
    return fallback;
}

/*! \brief The last stdout line the harness reads. Descriptors are divided by the children still
 *  running when they were counted (on a loaded machine the first may be reaped before the last is
 *  spawned), memory by all children (their objects all still exist). */
inline void printResult(double seconds, int count, int running, int fdsBefore, int fdsDuring,
                        long rssBefore, long rssDuring)
{
    std::printf("{\"value\": %.4f, \"extra\": {\"fds_per_child\": %.2f, "
                "\"rss_per_child_kib\": %.2f}}\n",
                seconds, double(fdsDuring - fdsBefore) / running,
                double(rssDuring - rssBefore) / count);
}

} // namespace bench
