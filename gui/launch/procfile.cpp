// SPDX-License-Identifier: MIT
#include "launch/procfile.h"

#include "launch/procfileoptions.h"

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtCore/QHash>
#include <QtCore/QRegularExpression>
#include <QtCore/QSaveFile>

using namespace Qt::StringLiterals;

namespace aproc::monitor {

namespace {

const QString optionsPrefix = u"#aproc:"_s;

/*! \brief The state of one parse(): the pending `#aproc:` options and the names seen. */
class ProcfileParser
{
    Q_DECLARE_TR_FUNCTIONS(aproc::monitor::Procfile)

public:
    ProcfileParser(const QString &fileName)
        : m_fileName(fileName), m_directory(QFileInfo(fileName).absolutePath())
    { }

    void parseLine(const QString &line, int number)
    {
        const QString trimmed = line.trimmed();
        if (trimmed.startsWith(optionsPrefix))
            parseOptions(trimmed.mid(optionsPrefix.size()), number);
        else if (!trimmed.isEmpty() && !trimmed.startsWith(u'#'))
            parseEntry(trimmed, number);
    }

    ProcfileContents finish()
    {
        if (m_pendingLine > 0)
            addIssue(m_pendingLine, tr("No entry follows these options."));
        return std::move(m_contents);
    }

private:
    void parseOptions(const QString &text, int number)
    {
        if (m_pendingLine == 0) {
            m_pending = LaunchSpec{};
            m_pending.shell = true;
        }
        m_pendingLine = number;
        for (const QString &problem : ProcfileOptions::apply(text, m_directory, &m_pending))
            addIssue(number, problem);
    }

    void parseEntry(const QString &line, int number)
    {
        LaunchSpec spec = takePending();
        const qsizetype colon = line.indexOf(u':');
        if (colon < 0)
            return addIssue(number, tr("Expected \"name: command\"."));
        const QString name = line.left(colon).trimmed();
        const QString command = line.mid(colon + 1).trimmed();
        if (!Procfile::isValidName(name))
            return addIssue(number,
                            tr("Invalid name \"%1\": use letters, digits, _ and -.").arg(name));
        if (command.isEmpty())
            return addIssue(number, tr("The entry \"%1\" has no command.").arg(name));
        if (m_names.contains(name)) {
            return addIssue(
                    number,
                    tr("Duplicate name \"%1\" (first on line %2).").arg(name).arg(m_names[name]));
        }
        m_names.insert(name, number);
        spec.name = name;
        spec.command = command;
        m_contents.entries.append(spec);
    }

    LaunchSpec takePending()
    {
        LaunchSpec spec;
        spec.shell = true;
        if (m_pendingLine > 0)
            spec = m_pending;
        m_pendingLine = 0;
        if (spec.workingDirectory.isEmpty())
            spec.workingDirectory = m_directory;
        return spec;
    }

    void addIssue(int line, const QString &message)
    {
        m_contents.issues.append(ProcfileIssue{m_fileName, line, message});
    }

    QString m_fileName;
    QString m_directory;
    ProcfileContents m_contents;
    LaunchSpec m_pending;
    int m_pendingLine = 0; //!< of the last `#aproc:` line not yet applied; 0: none
    QHash<QString, int> m_names; //!< the line of each name
};

/*! \brief \a spec's name if it is valid and unused, else one made from its command. */
QString uniqueName(const LaunchSpec &spec, QSet<QString> *used)
{
    QString base = spec.name.trimmed();
    if (!Procfile::isValidName(base)) {
        base = LaunchSpecs::displayName(spec);
        base.replace(QRegularExpression(u"[^A-Za-z0-9_-]+"_s), u"-"_s);
        if (!Procfile::isValidName(base))
            base = u"process"_s;
    }
    QString name = base;
    for (int i = 2; used->contains(name); ++i)
        name = base + u'-' + QString::number(i);
    used->insert(name);
    return name;
}

} // namespace

QString ProcfileIssue::text() const
{
    if (line <= 0)
        return tr("%1: %2").arg(fileName, message);
    return tr("%1:%2: %3").arg(fileName).arg(line).arg(message);
}

bool Procfile::isValidName(const QString &name)
{
    static const QRegularExpression pattern(u"\\A[A-Za-z0-9_-]+\\z"_s);
    return pattern.match(name).hasMatch();
}

ProcfileContents Procfile::parse(const QString &text, const QString &fileName)
{
    ProcfileParser parser(fileName);
    const QStringList lines = text.split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i)
        parser.parseLine(lines.at(i), int(i + 1));
    return parser.finish();
}

ProcfileContents Procfile::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        ProcfileContents contents;
        contents.issues.append(ProcfileIssue{path, 0, file.errorString()});
        return contents;
    }
    return parse(QString::fromUtf8(file.readAll()), path);
}

QString Procfile::serialize(const QList<LaunchSpec> &entries, const QString &fileName)
{
    const QString directory = fileName.isEmpty() ? QString() : QFileInfo(fileName).absolutePath();
    QString text;
    QSet<QString> used;
    for (const LaunchSpec &spec : entries) {
        const QString options = ProcfileOptions::write(spec, directory);
        if (!options.isEmpty())
            text += optionsPrefix + u' ' + options + u'\n';
        QString command = spec.command.trimmed();
        command.replace(u'\n', u' ');
        text += uniqueName(spec, &used) + u": " + command + u'\n';
    }
    return text;
}

bool Procfile::save(const QString &path, const QList<LaunchSpec> &entries, QString *error)
{
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly) && file.write(serialize(entries, path).toUtf8()) >= 0
        && file.commit()) {
        return true;
    }
    if (error)
        *error = tr("Cannot save %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
    return false;
}

} // namespace aproc::monitor
