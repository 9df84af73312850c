// SPDX-License-Identifier: MIT
#include "launch/demosession.h"

#include <QtCore/QDir>
#include <QtCore/QDirIterator>
#include <QtCore/QFile>
#include <QtCore/QTemporaryDir>

#include <memory>

using namespace Qt::StringLiterals;

namespace aproc::monitor {

namespace {

/*! \brief The directory the demo is copied to, removed when the process exits. */
std::unique_ptr<QTemporaryDir> &demoDirectory()
{
    static std::unique_ptr<QTemporaryDir> directory;
    return directory;
}

/*! \brief Copies every file of :/demo/ into \a target; scripts (*.sh) become executable. */
bool copyDemo(const QString &target, QString *error)
{
    QDirIterator files(u":/demo"_s, QDir::Files);
    while (files.hasNext()) {
        const QString source = files.next();
        const QString destination = target + u'/' + files.fileName();
        QFile::Permissions permissions = QFile::ReadOwner | QFile::WriteOwner;
        if (destination.endsWith(u".sh"_s))
            permissions |= QFile::ExeOwner;
        if (!QFile::copy(source, destination) || !QFile::setPermissions(destination, permissions)) {
            *error = DemoSession::tr("Cannot copy the demo to %1.")
                             .arg(QDir::toNativeSeparators(destination));
            return false;
        }
    }
    return true;
}

} // namespace

QString DemoSession::materialize(QString *error)
{
    QString ignored;
    if (!error)
        error = &ignored;
    std::unique_ptr<QTemporaryDir> &directory = demoDirectory();
    if (directory)
        return directory->filePath(u"Procfile"_s);
    auto created = std::make_unique<QTemporaryDir>(QDir::tempPath() + u"/aproc-demo-XXXXXX"_s);
    if (!created->isValid()) {
        *error = tr("Cannot create a directory for the demo: %1").arg(created->errorString());
        return {};
    }
    if (!QFile::exists(u":/demo/Procfile"_s)) {
        *error = tr("The demo session is not built in.");
        return {};
    }
    if (!copyDemo(created->path(), error))
        return {};
    directory = std::move(created);
    return directory->filePath(u"Procfile"_s);
}

ProcfileContents DemoSession::load()
{
    QString error;
    const QString path = materialize(&error);
    if (path.isEmpty()) {
        ProcfileContents contents;
        contents.issues.append(ProcfileIssue{u":/demo/Procfile"_s, 0, error});
        return contents;
    }
    return Procfile::load(path);
}

} // namespace aproc::monitor
