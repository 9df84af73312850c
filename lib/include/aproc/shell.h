// SPDX-License-Identifier: MIT
#pragma once

#include <aproc/aproc_export.h>

#include <QtCore/QString>
#include <QtCore/QStringList>

namespace aproc {

/*! \brief Quotes \a argument for a POSIX shell (shlex.quote): an empty string becomes <tt>''</tt>;
 *  a string made only of <tt>A-Za-z0-9_\@%+=:,./-</tt> stays as it is; anything else is
 *  single-quoted, with each <tt>'</tt> written as <tt>'"'"'</tt>. Use it to build the command of
 *  createSubprocessShell(). */
APROC_EXPORT QString shellQuote(const QString &argument);

/*! \brief Splits \a command into arguments the way a POSIX shell does, without expansions
 *  (shlex.split): whitespace separates; '...' is literal; "..." keeps its content, a backslash
 *  escaping only \c \" and \c \\; outside quotes a backslash escapes any character. Inverts
 *  shellQuote(). Throws ValueError ("No closing quotation", "No escaped character"). */
APROC_EXPORT QStringList shellSplit(const QString &command);

} // namespace aproc
