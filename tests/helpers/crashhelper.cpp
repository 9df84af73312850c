// SPDX-License-Identifier: MIT
// aproc-crash-helper [--no-guard]: starts `sh -c` with two background sleeps in a session of its
// own (dieWithParent), prints the sleeps' pids, one per line, then crashes with abort(). With
// killChildGroupsOnCrash() (unless --no-guard) the sleeps must die with it; tst_crashguard checks.
#include <aproc/crashguard.h>
#include <aproc/eventloop.h>
#include <aproc/process.h>
#include <aproc/streamreader.h>

#include <QtCore/QCoreApplication>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace {

aproc::Task<void> startAndCrash()
{
    aproc::ProcessOptions options;
    options.stdoutMode = aproc::PIPE;
    options.startNewSession = true;
    options.dieWithParent = true;
    auto shell = co_await aproc::createSubprocessShell(
            QStringLiteral("sleep 300 & echo $!; sleep 300 & echo $!; wait"), options);
    for (int i = 0; i < 2; ++i) {
        const QByteArray line = co_await shell->standardOutput()->readline();
        std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
    }
    std::fflush(stdout);
    std::abort();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication application(argc, argv);
    if (argc < 2 || std::strcmp(argv[1], "--no-guard") != 0)
        aproc::killChildGroupsOnCrash();
    aproc::EventLoop::current()->runUntilComplete(startAndCrash());
    return 1; // not reached: it aborts
}
