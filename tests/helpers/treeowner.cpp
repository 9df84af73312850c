// SPDX-License-Identifier: MIT
// aproc-tree-owner cgroup|process-group: starts three contained trees with dieWithParent (a
// setsid grandchild, a double-forked daemon, a tree of ten), prints the pid of every process in
// them, one per line, then "ready", and runs until it is killed. tst_containment kills it with
// SIGKILL and checks that every one of those processes is gone (the guardian's work).
#include <aproc/containment.h>
#include <aproc/eventloop.h>
#include <aproc/process.h>
#include <aproc/streamreader.h>

#include <QtCore/QCoreApplication>

#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

namespace {

aproc::Task<void> startTrees(aproc::ContainmentMeans means,
                             std::vector<std::unique_ptr<aproc::Process>> *trees)
{
    const QStringList commands{
            QStringLiteral("setsid sleep 300 & echo $!; echo ready; wait"),
            QStringLiteral("(setsid sleep 300 & echo $!); echo ready; exec sleep 300"),
            QStringLiteral("for i in 1 2 3 4 5 6 7 8 9 10; do sleep 300 & echo $!; done; "
                           "echo ready; wait"),
    };
    for (const QString &command : commands) {
        auto tree = co_await aproc::createSubprocessShell(
                command, aproc::ProcessOptions{.stdoutMode = aproc::PIPE,
                                               .dieWithParent = true,
                                               .containment = aproc::Containment{.means = means}});
        std::printf("%lld\n", static_cast<long long>(tree->pid()));
        for (;;) {
            const QByteArray line = co_await tree->standardOutput()->readline();
            if (line.isEmpty() || line.trimmed() == "ready")
                break;
            std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
        }
        trees->push_back(std::move(tree));
    }
    std::printf("ready\n");
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication application(argc, argv);
    const bool cgroup = argc > 1 && std::strcmp(argv[1], "cgroup") == 0;
    std::vector<std::unique_ptr<aproc::Process>> trees;
    aproc::EventLoop::current()->runUntilComplete(startTrees(
            cgroup ? aproc::ContainmentMeans::Cgroup : aproc::ContainmentMeans::ProcessGroup,
            &trees));
    return application.exec(); // until SIGKILL
}
