// SPDX-License-Identifier: MIT
#include "launch/procfileoptions.h"

#include <aproc/errors.h>
#include <aproc/shell.h>

#include <QtCore/QDir>

using namespace Qt::StringLiterals;

namespace aproc::monitor {

namespace {

/*! \brief \a text as a non-negative integer, or -1. */
int nonNegative(const QString &text)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    return ok && value >= 0 && !text.startsWith(u'+') ? value : -1;
}

/*! \brief A delay in milliseconds: "500", "500ms" or "2s"; -1 if it is none. */
qint64 delayMilliseconds(QString text)
{
    int factor = 1;
    if (text.endsWith(u"ms"_s)) {
        text.chop(2);
    } else if (text.endsWith(u's')) {
        text.chop(1);
        factor = 1000;
    }
    const int value = nonNegative(text);
    return value < 0 ? -1 : qint64(value) * factor;
}

} // namespace

class ProcfileOptionReader
{
    Q_DECLARE_TR_FUNCTIONS(aproc::monitor::Procfile)

public:
    /*! \brief Applies `key=value` to \a spec; returns an empty string, or what is wrong. */
    static QString apply(const QString &key, const QString &value, const QString &directory,
                         LaunchSpec *spec)
    {
        if (key == u"restart"_s) {
            if (!LaunchSpecs::policyFromKey(value, &spec->restartPolicy))
                return badValue(key, value, u"never, on-failure, always"_s);
        } else if (key == u"delay"_s) {
            const qint64 delay = delayMilliseconds(value);
            if (delay < 0)
                return badValue(key, value, tr("milliseconds"));
            spec->restartDelay = std::chrono::milliseconds(delay);
        } else if (key == u"max-restarts"_s) {
            spec->maxRestarts = nonNegative(value);
            if (spec->maxRestarts < 0) {
                spec->maxRestarts = LaunchSpec{}.maxRestarts;
                return badValue(key, value, tr("a number, 0 for no limit"));
            }
        } else {
            return applyProcessOption(key, value, directory, spec);
        }
        return {};
    }

private:
    static QString applyProcessOption(const QString &key, const QString &value,
                                      const QString &directory, LaunchSpec *spec)
    {
        if (key == u"pty"_s || key == u"shell"_s) {
            if (value != u"yes"_s && value != u"no"_s)
                return badValue(key, value, u"yes, no"_s);
            (key == u"pty"_s ? spec->pty : spec->shell) = value == u"yes"_s;
        } else if (key == u"cwd"_s) {
            if (value.isEmpty())
                return badValue(key, value, tr("a directory"));
            spec->workingDirectory = QDir::cleanPath(QDir(directory).filePath(value));
        } else if (key == u"env"_s) {
            if (value.indexOf(u'=') <= 0)
                return badValue(key, value, u"NAME=value"_s);
            spec->environment.append(value);
        } else {
            return tr("Unknown option \"%1\".").arg(key);
        }
        return {};
    }

    static QString badValue(const QString &key, const QString &value, const QString &expected)
    {
        return tr("Bad value \"%1\" for %2 (expected %3).").arg(value, key, expected);
    }
};

QStringList ProcfileOptions::apply(const QString &text, const QString &directory, LaunchSpec *spec)
{
    QStringList words;
    try {
        words = shellSplit(text);
    } catch (const ValueError &error) {
        return {tr("Bad options: %1").arg(error.message())};
    }
    QStringList problems;
    for (const QString &word : std::as_const(words)) {
        const qsizetype equals = word.indexOf(u'=');
        const QString problem
                = equals <= 0 ? tr("Expected key=value instead of \"%1\".").arg(word)
                              : ProcfileOptionReader::apply(word.left(equals), word.mid(equals + 1),
                                                            directory, spec);
        if (!problem.isEmpty())
            problems.append(problem);
    }
    return problems;
}

QString ProcfileOptions::write(const LaunchSpec &spec, const QString &directory)
{
    const LaunchSpec defaults;
    QStringList words;
    if (!spec.shell)
        words.append(u"shell=no"_s);
    if (spec.pty)
        words.append(u"pty=yes"_s);
    if (spec.restartPolicy != defaults.restartPolicy)
        words.append(u"restart="_s + LaunchSpecs::policyKey(spec.restartPolicy));
    if (spec.restartDelay != defaults.restartDelay)
        words.append(u"delay="_s + QString::number(spec.restartDelay.count()));
    if (spec.maxRestarts != defaults.maxRestarts)
        words.append(u"max-restarts="_s + QString::number(spec.maxRestarts));
    const QString cwd = QDir::cleanPath(spec.workingDirectory);
    if (!spec.workingDirectory.isEmpty() && cwd != QDir::cleanPath(directory)) {
        const QString relative = QDir(directory).relativeFilePath(cwd);
        const bool inside = !directory.isEmpty() && !relative.startsWith(u".."_s);
        words.append(u"cwd="_s + (inside ? relative : cwd));
    }
    for (const QString &entry : spec.environment)
        words.append(u"env="_s + entry);
    for (QString &word : words)
        word = shellQuote(word);
    return words.join(u' ');
}

} // namespace aproc::monitor
