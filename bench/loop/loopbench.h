// SPDX-License-Identifier: MIT
// The loop scenario's command line and result line, shared by its C++ programs.
#pragma once

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

namespace loopbench {

/*! \brief What every program of the scenario takes: `--mode NAME --count N`. */
struct Options
{
    std::string mode;
    long count = 1'000'000;
};

/*! \brief Parses `--mode` and `--count`; exits with status 2 on anything else. */
inline Options parseOptions(int argc, char **argv)
{
    Options options;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--mode") == 0) {
            options.mode = argv[i + 1];
        } else if (std::strcmp(argv[i], "--count") == 0) {
            options.count = std::strtol(argv[i + 1], nullptr, 10);
        } else {
            std::fprintf(stderr, "unknown option %s\n", argv[i]);
            std::exit(2);
        }
    }
    if (argc % 2 != 1 || options.mode.empty() || options.count <= 0) {
        std::fprintf(stderr, "usage: %s --mode MODE --count N\n", argv[0]);
        std::exit(2);
    }
    return options;
}

/*! \brief A steady clock in seconds since \a start. */
inline double secondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

/*! \brief Prints the harness's result line: `{"value": v, "extra": {...}}`, last on stdout. */
inline void printResult(double value, const std::vector<std::pair<std::string, double>> &extra = {})
{
    std::printf("{\"value\": %.6g", value);
    if (!extra.empty()) {
        std::printf(", \"extra\": {");
        for (std::size_t i = 0; i < extra.size(); ++i)
            std::printf("%s\"%s\": %.6g", i ? ", " : "", extra[i].first.c_str(), extra[i].second);
        std::printf("}");
    }
    std::printf("}\n");
    std::fflush(stdout);
}

/*! \brief Reports a failed run on stderr and exits non-zero: never a number. */
[[noreturn]] inline void fail(const char *what)
{
    std::fprintf(stderr, "FAILED: %s\n", what);
    std::exit(1);
}

/*! \brief Keeps the compiler from folding work across iterations of a measured loop. */
inline void clobberMemory()
{
    asm volatile("" ::: "memory");
}

} // namespace loopbench
