// SPDX-License-Identifier: MIT
// The checks spawnChild() makes before it creates anything (ER-08): each bad input gets a
// ValueError whose message names it.
#include "unix/spawnsteps_p.h"

#include <aproc/errors.h>

#include <QtCore/QCoreApplication>

#include <fcntl.h>

namespace aproc::detail {

namespace {

bool hasNul(const QString &text)
{
    return text.contains(QChar(u'\0'));
}

// The text with its NUL bytes made visible, for a message.
QString shown(QString text)
{
    return text.replace(QChar(u'\0'), QStringLiteral("\\0"));
}

[[noreturn]] void fail(const char *message, const QString &argument)
{
    throw ValueError(QCoreApplication::translate("aproc", message).arg(argument));
}

void checkProgramAndArguments(const QString &program, const QStringList &arguments)
{
    if (program.isEmpty())
        throw ValueError(QCoreApplication::translate("aproc", "The program to start is empty"));
    if (hasNul(program))
        fail(QT_TRANSLATE_NOOP("aproc", "The program name contains a NUL byte: '%1'"),
             shown(program));
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        if (hasNul(arguments[i])) {
            throw ValueError(
                    QCoreApplication::translate("aproc", "Argument %1 contains a NUL byte: '%2'")
                            .arg(i + 1)
                            .arg(shown(arguments[i])));
        }
    }
}

void checkEnvironment(const std::optional<QProcessEnvironment> &environment)
{
    if (!environment || environment->inheritsFromParent())
        return;
    for (const QString &name : environment->keys()) {
        if (name.isEmpty() || name.contains(u'='))
            fail(QT_TRANSLATE_NOOP("aproc", "Illegal environment variable name: '%1'"),
                 shown(name));
        if (hasNul(name)) {
            fail(QT_TRANSLATE_NOOP("aproc",
                                   "The environment variable name '%1' contains a NUL byte"),
                 shown(name));
        }
        if (hasNul(environment->value(name))) {
            fail(QT_TRANSLATE_NOOP(
                         "aproc", "The value of the environment variable '%1' contains a NUL byte"),
                 shown(name));
        }
    }
}

bool isOpen(int fd)
{
    return fd >= 0 && ::fcntl(fd, F_GETFD) >= 0;
}

void checkFile(const Stdio &mode, const QString &stream)
{
    if (mode.path().isEmpty())
        fail(QT_TRANSLATE_NOOP("aproc", "The file for %1 has an empty path"), stream);
    if (hasNul(mode.path())) {
        fail(QT_TRANSLATE_NOOP("aproc", "The path of a file for a stream contains a NUL byte: "
                                        "'%1'"),
             shown(mode.path()));
    }
    const bool isStdin = stream == QLatin1String("stdin");
    if (mode.writesFile() && isStdin) {
        fail(QT_TRANSLATE_NOOP("aproc", "Stdio::toFile() is for stdout and stderr, not for stdin "
                                        "('%1'); stdin reads a file with Stdio::fromFile()"),
             shown(mode.path()));
    }
    if (!mode.writesFile() && !isStdin) {
        throw ValueError(QCoreApplication::translate(
                                 "aproc", "Stdio::fromFile() is for stdin, not for %1 ('%2'); "
                                          "output goes to a file with Stdio::toFile()")
                                 .arg(stream, shown(mode.path())));
    }
}

void checkStream(const Stdio &mode, const QString &stream)
{
    if (mode.kind() == Stdio::Kind::ToStdout && stream != QLatin1String("stderr")) {
        fail(QT_TRANSLATE_NOOP("aproc", "Stdio::toStdout() is only valid for stderr, not for %1"),
             stream);
    }
    if (mode.kind() == Stdio::Kind::File)
        checkFile(mode, stream);
    if (mode.kind() == Stdio::Kind::Fd && !isOpen(mode.descriptor())) {
        throw ValueError(QCoreApplication::translate(
                                 "aproc", "Stdio::fd(%1) for %2 is not an open descriptor")
                                 .arg(mode.descriptor())
                                 .arg(stream));
    }
}

void checkNumbers(const ProcessOptions &options)
{
    if (options.limit <= 0)
        fail(QT_TRANSLATE_NOOP("aproc", "limit must be positive, not %1"),
             QString::number(options.limit));
    if (options.pipeSize && *options.pipeSize <= 0)
        fail(QT_TRANSLATE_NOOP("aproc", "pipeSize must be positive, not %1"),
             QString::number(*options.pipeSize));
    if (options.processGroup && *options.processGroup < 0) {
        fail(QT_TRANSLATE_NOOP("aproc", "processGroup must be 0 or a process group id, not %1"),
             QString::number(*options.processGroup));
    }
    if (options.umask && (*options.umask & ~mode_t(0777)) != 0) {
        fail(QT_TRANSLATE_NOOP("aproc", "umask must be within 0777, not 0%1"),
             QString::number(*options.umask, 8));
    }
    for (const int fd : options.passFds) {
        if (!isOpen(fd))
            fail(QT_TRANSLATE_NOOP("aproc", "passFds: %1 is not an open descriptor"),
                 QString::number(fd));
    }
}

bool leadsGroupOfItsOwn(const ProcessOptions &options)
{
    const auto isPty = [](const Stdio &mode) { return mode.kind() == Stdio::Kind::Pty; };
    return options.startNewSession || options.processGroup == 0 || isPty(options.stdinMode)
           || isPty(options.stdoutMode) || isPty(options.stderrMode);
}

void checkStopOnCancel(const ProcessOptions &options)
{
    if (!options.stopOnCancel)
        return;
    if (options.stopOnCancel->grace < std::chrono::milliseconds::zero()) {
        fail(QT_TRANSLATE_NOOP("aproc", "stopOnCancel.grace must not be negative, not %1 ms"),
             QString::number(options.stopOnCancel->grace.count()));
    }
    if (options.stopOnCancel->wholeGroup && !options.containment && !leadsGroupOfItsOwn(options)) {
        throw ValueError(QCoreApplication::translate(
                "aproc", "stopOnCancel.wholeGroup needs a process group of the child's own "
                         "(startNewSession, processGroup = 0 or a pty)"));
    }
}

void checkExitDrain(const ProcessOptions &options)
{
    if (options.exitDrain && options.exitDrain->grace < std::chrono::milliseconds::zero()) {
        fail(QT_TRANSLATE_NOOP("aproc", "exitDrain.grace must not be negative, not %1 ms"),
             QString::number(options.exitDrain->grace.count()));
    }
}

} // namespace

void validateSpawnArguments(const QString &program, const QStringList &arguments,
                            const ProcessOptions &options)
{
    checkProgramAndArguments(program, arguments);
    if (hasNul(options.workingDirectory)) {
        fail(QT_TRANSLATE_NOOP("aproc", "The working directory contains a NUL byte: '%1'"),
             shown(options.workingDirectory));
    }
    checkEnvironment(options.environment);
    checkStream(options.stdinMode, QStringLiteral("stdin"));
    checkStream(options.stdoutMode, QStringLiteral("stdout"));
    checkStream(options.stderrMode, QStringLiteral("stderr"));
    checkNumbers(options);
    checkStopOnCancel(options);
    checkExitDrain(options);
}

} // namespace aproc::detail
