// SPDX-License-Identifier: MIT
// What the exitlatency programs share: the clock, the child's timestamp file, the median.
#pragma once
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <time.h>
#include <unistd.h>
#include <vector>

namespace bench {

/*! \brief CLOCK_MONOTONIC in nanoseconds, the clock the child writes. */
inline long long monotonicNanoseconds()
{
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec * 1000000000LL + now.tv_nsec;
}

/*! \brief A temporary file the child writes its exit time to; removed when destroyed. */
class StampFile
{
public:
    StampFile()
    {
        char name[] = "/tmp/bench-exitlatency-XXXXXX";
        m_fd = mkstemp(name);
        m_path = name;
    }
    ~StampFile()
    {
        close(m_fd);
        unlink(m_path.c_str());
    }
    StampFile(const StampFile &) = delete;
    StampFile &operator=(const StampFile &) = delete;
    /*! \brief The path to give the child. */
    const std::string &path() const { return m_path; }
    /*! \brief The time the last child wrote; -1 if it wrote none. */
    long long take() const
    {
        long long stamp = -1;
        if (pread(m_fd, &stamp, sizeof stamp, 0) != sizeof stamp)
            return -1;
        return stamp;
    }
    bool ok() const { return m_fd >= 0; }

private:
    int m_fd = -1;
    std::string m_path;
};

/*! \brief The value of "--name N" in argv, or \a fallback. */
inline int argument(int argc, char **argv, const char *name, int fallback)
{
    for (int i = 1; i + 1 < argc; ++i)
        if (std::strcmp(argv[i], name) == 0)
            return std::atoi(argv[i + 1]);
    return fallback;
}

/*! \brief Prints the median of \a nanoseconds in µs as the harness's last line; false if empty
 *  or if any latency is negative (a child that did not write). */
inline bool printMedianMicroseconds(std::vector<long long> nanoseconds)
{
    if (nanoseconds.empty() || *std::min_element(nanoseconds.begin(), nanoseconds.end()) < 0)
        return false;
    std::sort(nanoseconds.begin(), nanoseconds.end());
    const size_t middle = nanoseconds.size() / 2;
    const double median = nanoseconds.size() % 2
                                  ? double(nanoseconds[middle])
                                  : (nanoseconds[middle - 1] + nanoseconds[middle]) / 2.0;
    std::printf("{\"value\": %.2f, \"extra\": {\"p90_us\": %.2f}}\n", median / 1000.0,
                nanoseconds[nanoseconds.size() * 9 / 10] / 1000.0);
    return true;
}

} // namespace bench
