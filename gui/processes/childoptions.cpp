// SPDX-License-Identifier: MIT
#include "processes/childoptions.h"

#include <aproc/containment.h>

#include <QtCore/QProcessEnvironment>

namespace aproc::monitor {

namespace {
QProcessEnvironment environmentOf(const LaunchSpec &spec)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString &entry : spec.environment) {
        const qsizetype equals = entry.indexOf(u'=');
        if (equals > 0)
            environment.insert(entry.left(equals), entry.mid(equals + 1));
        else if (equals < 0 && !entry.isEmpty())
            environment.insert(entry, QString());
    }
    return environment;
}

} // namespace

ProcessOptions childOptions(const LaunchSpec &spec)
{
    ProcessOptions options;
    options.streams = false;
    // One pty for all three streams (its one output arrives on channel 1), or three pipes.
    const Stdio stdio = spec.pty ? Stdio::pty() : Stdio::pipe();
    options.stdinMode = options.stdoutMode = options.stderrMode = stdio;
    // A session of its own, so that the terminal the monitor runs in signals the monitor only.
    options.startNewSession = true;
    // The whole tree, also what left the session: stop(), kill() and sendSignalToGroup() reach
    // all of it, treeUsage() sums it, and it dies with the monitor however the monitor ends.
    options.containment = Containment{};
    options.dieWithParent = true;
    options.workingDirectory = spec.workingDirectory;
    options.environment = environmentOf(spec);
    return options;
}

} // namespace aproc::monitor
