// SPDX-License-Identifier: MIT
#include "launchspec.h"

#include <aproc/errors.h>
#include <aproc/shell.h>

#include <QtCore/QFileInfo>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace aproc::monitor {

CommandInvocation LaunchSpecs::invocation(const LaunchSpec &spec)
{
    if (spec.command.trimmed().isEmpty())
        throw ValueError(tr("The command is empty."));
    if (spec.shell)
        return {u"/bin/sh"_s, {u"-c"_s, spec.command}};
    QStringList words = shellSplit(spec.command);
    if (words.isEmpty())
        throw ValueError(tr("The command is empty."));
    const QString program = words.takeFirst();
    return {program, words};
}

QString LaunchSpecs::displayName(const LaunchSpec &spec)
{
    if (!spec.name.trimmed().isEmpty())
        return spec.name.trimmed();
    if (spec.shell)
        return spec.command.trimmed().section(u' ', 0, 0, QString::SectionSkipEmpty);
    try {
        const QStringList words = shellSplit(spec.command);
        return words.isEmpty() ? QString() : QFileInfo(words.first()).fileName();
    } catch (const ValueError &) {
        return spec.command.trimmed().section(u' ', 0, 0, QString::SectionSkipEmpty);
    }
}

QString LaunchSpecs::problem(const LaunchSpec &spec)
{
    try {
        invocation(spec);
    } catch (const ValueError &error) {
        return error.message();
    }
    for (const QString &entry : spec.environment) {
        if (entry.indexOf(u'=') <= 0)
            return tr("The environment entry \"%1\" is not NAME=value.").arg(entry);
    }
    if (spec.maxRestarts < 0)
        return tr("The maximum number of restarts cannot be negative.");
    if (spec.restartDelay.count() < 0)
        return tr("The restart delay cannot be negative.");
    return {};
}

QString LaunchSpecs::policyKey(RestartPolicy policy)
{
    switch (policy) {
    case RestartPolicy::Never:
        return u"never"_s;
    case RestartPolicy::OnFailure:
        return u"on-failure"_s;
    case RestartPolicy::Always:
        return u"always"_s;
    }
    Q_UNREACHABLE();
    return {};
}

bool LaunchSpecs::policyFromKey(const QString &key, RestartPolicy *policy)
{
    for (RestartPolicy candidate :
         {RestartPolicy::Never, RestartPolicy::OnFailure, RestartPolicy::Always}) {
        if (key.compare(policyKey(candidate), Qt::CaseInsensitive) == 0) {
            *policy = candidate;
            return true;
        }
    }
    return false;
}

QString LaunchSpecs::policyTitle(RestartPolicy policy)
{
    switch (policy) {
    case RestartPolicy::Never:
        //: Restart policy
        return tr("Never");
    case RestartPolicy::OnFailure:
        //: Restart policy
        return tr("On failure");
    case RestartPolicy::Always:
        //: Restart policy
        return tr("Always");
    }
    Q_UNREACHABLE();
    return {};
}

std::chrono::milliseconds LaunchSpecs::backoff(const LaunchSpec &spec, int restart)
{
    std::chrono::milliseconds delay = spec.restartDelay;
    for (int i = 1; i < restart && delay < maximumRestartDelay; ++i)
        delay *= 2;
    return std::min(delay, maximumRestartDelay);
}

} // namespace aproc::monitor
