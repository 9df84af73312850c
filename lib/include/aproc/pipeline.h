// SPDX-License-Identifier: MIT
#pragma once

#include <aproc/aproc_export.h>
#include <aproc/process.h>
#include <aproc/task.h>

#include <QtCore/QByteArray>
#include <QtCore/QList>
#include <QtCore/QStringList>

#include <chrono>
#include <memory>
#include <optional>
#include <vector>

namespace aproc {

/*! \brief How every stage of a pipeline ended (the shell's PIPESTATUS). */
struct PipelineStatus
{
    /*! \brief Each stage's returncode in stage order: the exit status, or -N for signal N. */
    QList<int> returncodes{};

    /*! \brief The last stage's returncode: what a shell reports for the pipeline. */
    int returncode() const { return returncodes.isEmpty() ? 0 : returncodes.last(); }
    /*! \brief The returncode of the last stage that failed, or 0 when all succeeded (bash's
     *  `set -o pipefail`). */
    int pipefail() const
    {
        for (qsizetype i = returncodes.size() - 1; i >= 0; --i) {
            if (returncodes[i] != 0)
                return returncodes[i];
        }
        return 0;
    }
    /*! \brief Same returncodes. */
    bool operator==(const PipelineStatus &) const = default;
};

/*! \brief What Pipeline::communicate() gives. */
struct PipelineOutput
{
    /*! \brief The last stage's stdout, when it is a pipe. */
    std::optional<QByteArray> out{};
    /*! \brief Each stage's stderr in stage order, each when it is a pipe. */
    QList<std::optional<QByteArray>> err{};
    /*! \brief How the stages ended. */
    PipelineStatus status{};
};

/*! \brief Processes connected stdout to stdin (`a | b | c`): each stage's stdout is a pipe
 *  whose other end is the next stage's stdin, made by the parent and closed in it once both
 *  stages run, so that no byte passes through the parent and EOF and SIGPIPE travel down and
 *  up the pipeline as in a shell. Made by createPipeline(); owns its stages, and destroying it
 *  kills the stages still running (each Process does) and reaps them. Belongs to the thread
 *  that made it. */
class APROC_EXPORT Pipeline
{
public:
    /*! \brief The stages, started and owned, in order (for createPipeline()). */
    explicit Pipeline(std::vector<std::unique_ptr<Process>> stages);
    ~Pipeline();
    Q_DISABLE_COPY_MOVE(Pipeline)

    /*! \brief How many stages there are (at least one). */
    qsizetype size() const;
    /*! \brief Stage \a index, 0 the first (its stdin is the pipeline's). */
    Process *stage(qsizetype index) const;
    /*! \brief The first stage's stdin when it is a pipe, else null. */
    StreamWriter *standardInput() const;
    /*! \brief The last stage's stdout when it is a pipe, else null. */
    StreamReader *standardOutput() const;

    /*! \brief Waits for every stage to exit and gives each returncode. Cancelled, each stage
     *  does what its ProcessOptions::stopOnCancel says, and CancelledError comes once every
     *  stage has done it. */
    Task<PipelineStatus> wait();
    /*! \brief Writes \a input to the first stage's stdin (if given) and closes it, reads the last
     *  stage's stdout and every stage's piped stderr to EOF concurrently, and waits for every
     *  stage (Process::communicate() of the whole). ValueError if \a input is given but the
     *  first stage's stdin is not a pipe; a stage's failure while reading or writing comes
     *  as an ExceptionGroup, once every stage is done. */
    Task<PipelineOutput> communicate(std::optional<QByteArray> input = std::nullopt);

    /*! \brief Sends \a signo to every stage still running. */
    void sendSignal(int signo);
    /*! \brief Process::stop() of every stage at once: SIGTERM, SIGKILL after \a grace. */
    Task<PipelineStatus> stop(std::chrono::milliseconds grace = std::chrono::seconds(5));

private:
    std::vector<std::unique_ptr<Process>> m_stages;
};

/*! \brief Starts \a stages (each an argv, argv[0] the program) as a pipeline, as a shell runs
 *  `a | b | c`.
 *
 *  \a options apply to every stage, except that stdinMode is the first stage's stdin and
 *  stdoutMode the last stage's stdout; stderrMode is each stage's own (STDOUT joins it to the
 *  stage's stdout, so into the next stage: the shell's `|&`). With processGroup = 0 each stage
 *  leads a group of its own. Throws ValueError, before anything is spawned, for no stages, an
 *  empty stage or a Stdio::pty() stream (a pipeline's streams are pipes, files or inherited);
 *  when a stage cannot start, the stages already running are killed and reaped and its
 *  FileNotFoundError or OSError propagates. */
APROC_EXPORT Task<std::unique_ptr<Pipeline>> createPipeline(QList<QStringList> stages,
                                                            ProcessOptions options = {});

} // namespace aproc
