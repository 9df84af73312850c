// SPDX-License-Identifier: MIT
// Where execve() looks for a program: subprocess.Popen's executable_list.
#include "unix/spawnsteps_p.h"

#include <QtCore/QtGlobal>

namespace aproc::detail {

namespace {

// os.defpath
constexpr char kDefaultPath[] = "/bin:/usr/bin";

// os.get_exec_path(env)
QByteArray searchPath(const std::optional<QProcessEnvironment> &environment)
{
    if (environment && !environment->inheritsFromParent()) {
        const QString name = QStringLiteral("PATH");
        return environment->contains(name) ? environment->value(name).toLocal8Bit()
                                           : QByteArray(kDefaultPath);
    }
    return qEnvironmentVariableIsSet("PATH") ? qgetenv("PATH") : QByteArray(kDefaultPath);
}

} // namespace

QList<QByteArray> executableCandidates(const QByteArray &program,
                                       const std::optional<QProcessEnvironment> &environment)
{
    if (program.contains('/'))
        return {program};
    QList<QByteArray> candidates;
    for (const QByteArray &directory : searchPath(environment).split(':')) {
        // os.path.join: an empty entry is the working directory.
        if (directory.isEmpty())
            candidates.append(program);
        else if (directory.endsWith('/'))
            candidates.append(directory + program);
        else
            candidates.append(directory + '/' + program);
    }
    return candidates;
}

} // namespace aproc::detail
