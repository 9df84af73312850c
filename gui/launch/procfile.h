// SPDX-License-Identifier: MIT
// A Procfile (honcho/foreman): one `name: command` per line, run by the shell. Aproc Monitor
// adds options in comments other tools ignore: `#aproc: restart=on-failure delay=500 pty=yes`
// applies to the next entry.
#pragma once

#include "launchspec.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QList>
#include <QtCore/QString>

namespace aproc::monitor {

/*! \brief One thing wrong in a Procfile: where, and what. */
struct ProcfileIssue
{
    Q_DECLARE_TR_FUNCTIONS(aproc::monitor::ProcfileIssue)

public:
    QString fileName; //!< the file as given to parse() or load()
    int line = 0; //!< 1 for the first line; 0 when the whole file is concerned
    QString message; //!< translated

    /*! \brief "file:line: message" (or "file: message" for line 0), translated. */
    QString text() const;

    friend bool operator==(const ProcfileIssue &, const ProcfileIssue &) = default;
};

/*! \brief What a Procfile holds: the valid entries, and the issues of the invalid lines. */
struct ProcfileContents
{
    QList<LaunchSpec> entries; //!< in file order; each runs in shell mode
    QList<ProcfileIssue> issues; //!< in file order
};

/*! \brief Reads and writes Procfiles. */
class Procfile
{
    Q_DECLARE_TR_FUNCTIONS(aproc::monitor::Procfile)

public:
    /*! \brief The entries and issues of \a text; \a fileName names it in the issues, and its
     *  directory resolves relative `cwd=` options (every entry's working directory is that
     *  directory, or the `cwd=` option resolved against it). */
    static ProcfileContents parse(const QString &text, const QString &fileName);

    /*! \brief parse() of the file at \a path; an unreadable file gives one issue at line 0. */
    static ProcfileContents load(const QString &path);

    /*! \brief The Procfile text of \a entries: an `#aproc:` line before each entry whose
     *  options differ from the defaults. parse(serialize(x, f), f) gives x back when every entry
     *  has a valid, unique name and a one-line command. A working directory is written relative
     *  to the directory of \a fileName (none for that directory itself; absolute without a
     *  \a fileName); an entry without a valid name gets one made from its command. */
    static QString serialize(const QList<LaunchSpec> &entries, const QString &fileName = {});

    /*! \brief Writes serialize(\a entries) to \a path, atomically; on failure returns false and
     *  sets \a error (if not null) to a translated message. */
    static bool save(const QString &path, const QList<LaunchSpec> &entries, QString *error);

    /*! \brief Whether \a name is a valid Procfile name: `[A-Za-z0-9_-]+`. */
    static bool isValidName(const QString &name);
};

} // namespace aproc::monitor
