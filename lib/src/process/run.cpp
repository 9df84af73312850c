// SPDX-License-Identifier: MIT
// run(): subprocess.run on top of createSubprocessExec(), communicate() and stop().
#include <aproc/errors.h>
#include <aproc/process.h>
#include <aproc/run.h>
#include <aproc/shell.h>
#include <aproc/waitfor.h>

#include <QtCore/QCoreApplication>

namespace aproc {

namespace {

// shlex.join: the command as a shell would read it back.
QString shellJoin(const QStringList &argv)
{
    QStringList quoted;
    for (const QString &argument : argv)
        quoted.append(shellQuote(argument));
    return quoted.join(QLatin1Char(' '));
}

QString calledProcessMessage(const CompletedProcess &completed)
{
    const QString command = shellJoin(completed.args);
    if (completed.returncode < 0) {
        return QCoreApplication::translate("aproc", "Command '%1' died with signal %2.")
                .arg(command)
                .arg(-completed.returncode);
    }
    return QCoreApplication::translate("aproc", "Command '%1' returned non-zero exit status %2.")
            .arg(command)
            .arg(completed.returncode);
}

ProcessOptions processOptions(const RunOptions &options)
{
    ProcessOptions process = options.process;
    if (options.input)
        process.stdinMode = PIPE;
    if (options.captureOutput)
        process.stdoutMode = process.stderrMode = PIPE;
    if (!process.stopOnCancel) // as trio.run_process: cancelled, the child is ended and reaped
        process.stopOnCancel = StopOnCancel{.grace = options.killGrace};
    return process;
}

void validate(const QStringList &argv, const RunOptions &options)
{
    if (argv.isEmpty())
        throw ValueError(QCoreApplication::translate("aproc", "run(): the command is empty"));
    if (options.timeout && *options.timeout < std::chrono::milliseconds::zero()) {
        throw ValueError(QCoreApplication::translate("aproc", "run(): the timeout is negative: "
                                                              "%1 ms")
                                 .arg(options.timeout->count()));
    }
}

} // namespace

CalledProcessError::CalledProcessError(CompletedProcess completed)
    : Error(calledProcessMessage(completed)), m_completed(std::move(completed))
{ }

Task<CompletedProcess> run(QStringList argv, RunOptions options)
{
    validate(argv, options);
    const QString program = argv.first();
    const QStringList arguments = argv.mid(1);
    auto process = co_await createSubprocessExec(program, arguments, processOptions(options));
    CompletedProcess completed;
    completed.args = argv;
    bool timedOut = false;
    if (options.timeout) {
        try {
            Communicated result
                    = co_await waitFor(process->communicate(options.input), *options.timeout);
            completed.out = std::move(result.out);
            completed.err = std::move(result.err);
        } catch (const TimeoutError &) {
            timedOut = true;
        }
    } else {
        Communicated result = co_await process->communicate(options.input);
        completed.out = std::move(result.out);
        completed.err = std::move(result.err);
    }
    if (timedOut) {
        co_await process->stop(options.killGrace); // SIGTERM, SIGKILL after the grace, reaped
        throw TimeoutError(QCoreApplication::translate("aproc", "Command '%1' timed out after "
                                                                "%2 ms")
                                   .arg(shellJoin(argv))
                                   .arg(options.timeout->count()));
    }
    completed.returncode = *process->returncode();
    if (options.check && completed.returncode != 0)
        throw CalledProcessError(std::move(completed));
    co_return completed;
}

} // namespace aproc
