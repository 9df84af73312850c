// SPDX-License-Identifier: MIT
#include "launch/recentlaunches.h"

#include "settingskeys.h"

#include <QtCore/QSettings>
#include <QtCore/QVariantMap>

using namespace Qt::StringLiterals;

namespace aproc::monitor {

namespace {

QVariantMap toMap(const LaunchSpec &spec)
{
    return {
            {u"name"_s, spec.name},
            {u"shell"_s, spec.shell},
            {u"workingDirectory"_s, spec.workingDirectory},
            {u"environment"_s, spec.environment},
            {u"pty"_s, spec.pty},
            {u"restart"_s, LaunchSpecs::policyKey(spec.restartPolicy)},
            {u"delay"_s, qint64(spec.restartDelay.count())},
            {u"maxRestarts"_s, spec.maxRestarts},
    };
}

LaunchSpec fromMap(const QString &command, const QVariantMap &map)
{
    LaunchSpec spec;
    spec.command = command;
    spec.name = map.value(u"name"_s).toString();
    spec.shell = map.value(u"shell"_s).toBool();
    spec.workingDirectory = map.value(u"workingDirectory"_s).toString();
    spec.environment = map.value(u"environment"_s).toStringList();
    spec.pty = map.value(u"pty"_s).toBool();
    LaunchSpecs::policyFromKey(map.value(u"restart"_s).toString(), &spec.restartPolicy);
    spec.restartDelay = std::chrono::milliseconds(
            qMax<qint64>(0, map.value(u"delay"_s, qint64(1000)).toLongLong()));
    spec.maxRestarts = qMax(0, map.value(u"maxRestarts"_s, 5).toInt());
    return spec;
}

} // namespace

QStringList RecentLaunches::commands()
{
    return QSettings().value(settingskeys::recentCommands()).toStringList();
}

std::optional<LaunchSpec> RecentLaunches::spec(const QString &command)
{
    const QVariantMap specs = QSettings().value(settingskeys::recentSpecs()).toMap();
    const auto found = specs.constFind(command);
    if (found == specs.constEnd())
        return std::nullopt;
    return fromMap(command, found->toMap());
}

void RecentLaunches::remember(const LaunchSpec &spec)
{
    if (spec.command.trimmed().isEmpty())
        return;
    QSettings settings;
    QStringList commands = settings.value(settingskeys::recentCommands()).toStringList();
    commands.removeAll(spec.command);
    commands.prepend(spec.command);
    while (commands.size() > maximumCount)
        commands.removeLast();
    const QVariantMap oldSpecs = settings.value(settingskeys::recentSpecs()).toMap();
    QVariantMap specs;
    for (const QString &command : std::as_const(commands)) {
        if (oldSpecs.contains(command))
            specs.insert(command, oldSpecs.value(command));
    }
    specs.insert(spec.command, toMap(spec));
    settings.setValue(settingskeys::recentCommands(), commands);
    settings.setValue(settingskeys::recentSpecs(), specs);
}

} // namespace aproc::monitor
