// SPDX-License-Identifier: MIT
// aproc-guardian-owner MODE: starts `sh -c` with two background sleeps in its group and a third
// sleep that leaves it with setsid, registers them with the guardian, prints one line per fact
// ("pid N" for each process of the tree, "group N", "cgroup DIR", "guardian N"), then "ready",
// and runs until it is killed; tst_guardian kills it with SIGKILL and checks what is left.
//   group     guards the shell's process group, and the setsid sleep by pid and start time
//   released  the same, then releases both, and guards the setsid sleep again with a wrong start
//             time (as if its pid had been reused): the tree must outlive the owner
//   restart   the same as group, then kills its guardian and guards once more, which starts a
//             new guardian with every registration
//   cgroup    moves the shell into a new cgroup below its own before it starts anything, and
//             guards the cgroup; prints "unsupported" and exits 0 without a writable cgroup2
#include "unix/guardian_p.h"

#include <aproc/eventloop.h>
#include <aproc/process.h>
#include <aproc/sleep.h>
#include <aproc/streamreader.h>
#include <aproc/streamwriter.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QDir>
#include <QtCore/QFile>

#include <chrono>
#include <csignal>
#include <cstdio>

#include <sys/types.h>
#include <unistd.h>

namespace guardian = aproc::detail::guardian;
using namespace std::chrono_literals;

namespace {

void say(const QByteArray &line)
{
    std::fprintf(stdout, "%s\n", line.constData());
    std::fflush(stdout);
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Field \a number (1-based) of /proc/<pid>/stat; empty if the process is gone.
QByteArray statField(qint64 pid, int number)
{
    const QByteArray text = readAll(QStringLiteral("/proc/%1/stat").arg(pid));
    const qsizetype afterName = text.lastIndexOf(')');
    if (afterName < 0)
        return {};
    return text.mid(afterName + 2).split(' ').value(number - 3);
}

bool running(qint64 pid)
{
    const QByteArray state = statField(pid, 3);
    return !state.isEmpty() && state != "Z";
}

// The directory of a new cgroup below this process's own in the cgroup2 hierarchy; empty if there
// is no such hierarchy or it cannot be written.
QByteArray makeCgroup()
{
    QByteArray mount;
    for (const QByteArray &line : readAll(QStringLiteral("/proc/self/mountinfo")).split('\n')) {
        const QList<QByteArray> fields = line.split(' '); // the mount point is the fifth
        if (line.contains(" - cgroup2 ") && fields.size() > 4)
            mount = fields[4];
    }
    QByteArray own;
    for (const QByteArray &line : readAll(QStringLiteral("/proc/self/cgroup")).split('\n')) {
        if (line.startsWith("0::"))
            own = line.mid(3);
    }
    if (mount.isEmpty() || own.isEmpty())
        return {};
    const QByteArray directory = mount + (own == "/" ? QByteArray() : own)
                                 + "/aproc-guardian-owner-"
                                 + QByteArray::number(qint64(::getpid()));
    return QDir().mkdir(QString::fromLocal8Bit(directory)) ? directory : QByteArray();
}

bool moveInto(const QByteArray &directory, qint64 pid)
{
    QFile procs(QString::fromLocal8Bit(directory + "/cgroup.procs"));
    return procs.open(QIODevice::WriteOnly) && procs.write(QByteArray::number(pid)) > 0
           && procs.flush();
}

aproc::Task<int> own(QByteArray mode)
{
    QByteArray cgroup;
    if (mode == "cgroup") {
        cgroup = makeCgroup();
        if (cgroup.isEmpty() || !guardian::guardCgroup(cgroup)) {
            say("unsupported");
            co_return 0;
        }
        say("cgroup " + cgroup);
    }
    const QString tree = QStringLiteral("sleep 300 & echo $!; sleep 300 & echo $!; "
                                        "setsid sh -c 'echo $$; exec sleep 300' & wait");
    auto shell = co_await aproc::createSubprocessShell(
            (cgroup.isEmpty() ? QString() : QStringLiteral("read go; ")) + tree,
            aproc::ProcessOptions{
                    .stdinMode = aproc::PIPE, .stdoutMode = aproc::PIPE, .processGroup = 0});
    say("pid " + QByteArray::number(shell->pid()));
    say("group " + QByteArray::number(shell->pid()));
    if (!cgroup.isEmpty()) {
        if (!moveInto(cgroup, shell->pid())) {
            shell->kill();
            co_await shell->wait();
            QDir().rmdir(QString::fromLocal8Bit(cgroup));
            say("unsupported");
            co_return 0;
        }
        shell->standardInput()->write("go\n");
        co_await shell->standardInput()->drain();
    }
    qint64 leaver = 0;
    for (int i = 0; i < 3; ++i) {
        leaver = (co_await shell->standardOutput()->readline()).trimmed().toLongLong();
        say("pid " + QByteArray::number(leaver));
    }
    if (mode != "cgroup") {
        const bool guarded = guardian::guardProcessGroup(shell->pid())
                             && guardian::guardProcess(leaver, statField(leaver, 22).toULongLong());
        if (!guarded)
            co_return 1;
    }
    if (mode == "released") { // and the leaver guarded with a start time that is not its own
        guardian::releaseProcessGroup(shell->pid());
        guardian::releaseProcess(leaver);
        if (!guardian::guardProcess(leaver, statField(leaver, 22).toULongLong() + 1))
            co_return 1;
    }
    if (mode == "restart") {
        const qint64 first = guardian::pid();
        say("guardian " + QByteArray::number(first));
        ::kill(pid_t(first), SIGKILL);
        for (int i = 0; i < 500 && running(first); ++i)
            co_await aproc::sleep(10ms);
        if (!guardian::guardProcessGroup(shell->pid()) || guardian::pid() == first)
            co_return 2;
    }
    say("guardian " + QByteArray::number(guardian::pid()));
    say("ready");
    co_return co_await shell->wait();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication application(argc, argv);
    const QByteArray mode = argc > 1 ? QByteArray(argv[1]) : QByteArray("group");
    return aproc::EventLoop::current()->runUntilComplete(own(mode));
}
