// SPDX-License-Identifier: MIT
//
//  W A R N I N G
//  -------------
// This file is not part of the Aproc API. It may change from version to version.
#pragma once

#include "unix/fd_p.h"

#include "global/autotest_p.h"

#include <QtCore/QByteArray>
#include <QtCore/QList>
#include <QtCore/QString>

#include <chrono>
#include <memory>
#include <optional>

namespace aproc::detail::cgroup {

/*! \brief Whether this process can give its children cgroups of their own, found once from
 *  /proc/self/cgroup and /proc/self/mountinfo. */
struct Probe
{
    bool usable = false;
    /*! The cgroup v2 directory this process is in (the mount point joined with its path). */
    QByteArray ownDirectory;
    /*! This process's cgroup as /proc/<pid>/cgroup names it ("0::<path>"). */
    QByteArray ownPath;
    /*! ownDirectory/aproc-<pid>: the children's cgroups are made in it. */
    QByteArray sessionDirectory;
    /*! Why it is usable or not, in the current language. */
    QString reason;
};

/*! \brief The probe, run on first use (it makes the session directory); thread-safe. */
APROC_AUTOTEST_EXPORT const Probe &probe();

/*! \brief One child's cgroup: made below the session directory, removed (with any empty cgroups
 *  a contained program made inside it) once empty. */
class APROC_AUTOTEST_EXPORT Cgroup
{
public:
    /*! \brief An empty cgroup: one kept by recycle(), else a new one. Throws OSError naming its
     * directory when that fails, or RuntimeError with the probe's reason when probe() found no
     * usable hierarchy. */
    static std::unique_ptr<Cgroup> create();
    /*! \brief Keeps \a group for a later create() if it is empty and few are kept; otherwise
     *  it is destroyed (removed). */
    static void recycle(std::unique_ptr<Cgroup> group);
    ~Cgroup();
    Cgroup(const Cgroup &) = delete;
    Cgroup &operator=(const Cgroup &) = delete;

    const QByteArray &directory() const { return m_directory; }
    /*! \brief cgroup.procs opened for writing, close-on-exec: the child writes "0" to it before
     *  it execs, which moves it in. */
    int procsFd() const { return m_procs.get(); }
    /*! \brief Its cgroup.events, whose change (inotify IN_MODIFY) says populated changed. */
    QByteArray eventsPath() const { return m_directory + "/cgroup.events"; }
    /*! \brief `populated 1` in cgroup.events: a process is in it or in a cgroup below it. */
    bool populated() const;
    /*! \brief True when process \a pid (a zombie too) is in it or in a cgroup below it, as
     *  /proc/<pid>/cgroup says. */
    bool holds(qint64 pid) const;
    /*! \brief The pids in it and in the cgroups below it. */
    QList<qint64> pids() const;
    /*! \brief SIGKILL to every process in it and below it (cgroup.kill). */
    bool kill() const;
    /*! \brief usage_usec of cpu.stat, since create() gave it out. */
    std::optional<std::chrono::microseconds> cpuUsage() const;
    /*! \brief memory.current, where the memory controller is enabled for it. */
    std::optional<qint64> memoryCurrent() const;
    /*! \brief rmdir of it and, first, of the empty cgroups below it; false while populated. */
    bool remove();

private:
    explicit Cgroup(QByteArray directory);
    QByteArray m_directory;
    UniqueFd m_procs;
    bool m_removed = false;
    std::chrono::microseconds m_cpuBaseline{0}; // what it counted before it was reused
};

} // namespace aproc::detail::cgroup
