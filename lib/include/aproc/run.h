// SPDX-License-Identifier: MIT
#pragma once

#include <aproc/aproc_export.h>
#include <aproc/errors.h>
#include <aproc/processoptions.h>
#include <aproc/task.h>

#include <QtCore/QByteArray>
#include <QtCore/QStringList>

#include <chrono>
#include <optional>

namespace aproc {

/*! \brief How run() runs a command (subprocess.run's keyword arguments). */
struct RunOptions
{
    /*! \brief Written to the child's stdin, which is then closed (input=); unset: stdin is
     *  inherited, as ProcessOptions says. */
    std::optional<QByteArray> input{};
    /*! \brief Pipes stdout and stderr and gives them in CompletedProcess (capture_output=). */
    bool captureOutput = false;
    /*! \brief Throws CalledProcessError for a non-zero returncode (check=). */
    bool check = false;
    /*! \brief Ends the child after this long (timeout=): SIGTERM, then SIGKILL after
     *  killGrace, and only once it was reaped TimeoutError. Unset: no limit. */
    std::optional<std::chrono::milliseconds> timeout{};
    /*! \brief How long a child ended by the timeout, or by cancelling run(), may take after
     *  SIGTERM before SIGKILL. */
    std::chrono::milliseconds killGrace = std::chrono::seconds(5);
    /*! \brief Everything else: working directory, environment, process group, pty ... Its
     *  streams are overridden where input or captureOutput ask for a pipe. */
    ProcessOptions process{};
};

/*! \brief What run() gives (subprocess.CompletedProcess). */
struct CompletedProcess
{
    QStringList args{}; //!< \brief The command, argv[0] first (CompletedProcess.args).
    int returncode = 0; //!< \brief The exit status, or -N for signal N (returncode).
    std::optional<QByteArray> out{}; //!< \brief stdout when captured (CompletedProcess.stdout).
    std::optional<QByteArray> err{}; //!< \brief stderr when captured (CompletedProcess.stderr).
};

/*! \brief A command run with `check` exited with a non-zero returncode
 *  (subprocess.CalledProcessError); carries what the command wrote when it was captured. */
class APROC_EXPORT CalledProcessError : public Error
{
public:
    /*! \brief The error for \a completed, whose message names the command and the status. */
    explicit CalledProcessError(CompletedProcess completed);
    /*! \brief The command, argv[0] first (CalledProcessError.cmd). */
    QStringList command() const { return m_completed.args; }
    /*! \brief The exit status, or -N for signal N (returncode). */
    int returncode() const { return m_completed.returncode; }
    /*! \brief stdout when captured (CalledProcessError.stdout). */
    std::optional<QByteArray> out() const { return m_completed.out; }
    /*! \brief stderr when captured (CalledProcessError.stderr). */
    std::optional<QByteArray> err() const { return m_completed.err; }

private:
    CompletedProcess m_completed;
};

/*! \brief Runs \a argv (argv[0] is the program) to its end and gives its returncode and, if
 *  captured, its output (subprocess.run, trio.run_process).
 *
 *  Throws ValueError for an empty \a argv or a negative timeout and FileNotFoundError or
 *  OSError when the program cannot start, before anything runs; CalledProcessError with
 *  `check`; TimeoutError after the timeout, once the child is gone. Cancelled, it ends the
 *  child as ProcessOptions::stopOnCancel says (unset there: SIGTERM, killGrace, SIGKILL) and
 *  reaps it before CancelledError propagates. No descendant is waited for beyond the
 *  child's own pipes. */
APROC_EXPORT Task<CompletedProcess> run(QStringList argv, RunOptions options = {});

} // namespace aproc
