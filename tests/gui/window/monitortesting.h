// SPDX-License-Identifier: MIT
// What the end-to-end tests of Aproc Monitor share: a window with a short grace period, specs
// that run the test helper, and reading the process list as the user sees it.
#pragma once

#include "../../support/children.h"

#include "launchspec.h"
#include "processes/managedprocess.h"
#include "processes/processcolumns.h"
#include "processes/processlistmodel.h"
#include "window/mainwindow.h"

#include <aproc/shell.h>

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QSettings>
#include <QtCore/QStandardPaths>
#include <QtTest/QTest>
#include <QtWidgets/QApplication>

#include <cerrno>
#include <csignal>
#include <unistd.h>

namespace aproc::monitor::testing {

using namespace Qt::StringLiterals;

/*! \brief Settings in QStandardPaths' test location, emptied; windows do not quit the test. */
inline void setUpMonitorTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"Aproc"_s);
    QCoreApplication::setApplicationName(u"Aproc Monitor Tests"_s);
    QApplication::setQuitOnLastWindowClosed(false);
    QSettings().clear();
}

/*! \brief A spec running the test helper with \a arguments (exec mode). */
inline LaunchSpec helperSpec(const QStringList &arguments, const QString &name = {})
{
    QStringList words{aproc::shellQuote(aproc::testsupport::helper())};
    for (const QString &argument : arguments)
        words.append(aproc::shellQuote(argument));
    LaunchSpec spec;
    spec.name = name;
    spec.command = words.join(u' ');
    return spec;
}

/*! \brief A spec running \a command with /bin/sh -c. */
inline LaunchSpec shellSpec(const QString &command, const QString &name = {})
{
    LaunchSpec spec;
    spec.name = name;
    spec.command = command;
    spec.shell = true;
    return spec;
}

/*! \brief The text the list shows for \a process in \a column. */
inline QString cell(const MainWindow &window, ManagedProcess *process, ProcessColumn column)
{
    const QModelIndex row = window.processModel()->indexOf(process);
    return row.siblingAtColumn(int(column)).data(Qt::DisplayRole).toString();
}

/*! \brief True when process \a pid no longer runs: it is gone, or it is a dead orphan that init
 *  has not reaped yet (the init of a container may never reap). A zombie of ours is not gone. */
inline bool processGone(qint64 pid)
{
    if (pid <= 0)
        return false;
    if (::kill(pid_t(pid), 0) == -1 && errno == ESRCH)
        return true;
    QFile stat(u"/proc/%1/stat"_s.arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return true;
    // "pid (name) state ppid ...": the name may hold spaces and parentheses
    const QByteArray text = stat.readAll();
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    return fields.size() > 1 && fields.at(0) == "Z" && fields.at(1).toLongLong() != ::getpid();
}

/*! \brief The pids of \a process's descendant rows in the list. */
inline QList<qint64> descendantPids(const MainWindow &window, ManagedProcess *process)
{
    QList<qint64> pids;
    const QModelIndex parent = window.processModel()->indexOf(process);
    const QAbstractItemModel *model = window.processModel();
    for (int row = 0; row < model->rowCount(parent); ++row)
        pids.append(model->index(row, int(ProcessColumn::Pid), parent).data().toLongLong());
    return pids;
}

} // namespace aproc::monitor::testing
