// SPDX-License-Identifier: MIT
// aproc-monitor [--procfile FILE] [--demo] [-- COMMAND ARGS...]
#pragma once

#include <QtCore/QCoreApplication>
#include <QtCore/QString>
#include <QtCore/QStringList>

class QCommandLineParser;

namespace aproc::monitor {

/*! \brief What the command line asks the window to do. */
struct CommandLineOptions
{
    QString procfile; //!< --procfile FILE: a set of commands to load
    bool demo = false; //!< --demo: start a few demonstration processes
    QStringList command; //!< -- COMMAND ARGS...: one command to start
};

/*! \brief The outcome of parsing: run the window, or print a text and exit. */
struct CommandLineResult
{
    enum class Status { Run, Help, Version, Error };
    Status status = Status::Run;
    CommandLineOptions options;
    QString text; //!< the help, the version, or the error with a hint (empty for Run)
};

/*! \brief Aproc Monitor's command line, parsed with QCommandLineParser. */
class CommandLine
{
    Q_DECLARE_TR_FUNCTIONS(aproc::monitor::CommandLine)

public:
    /*! \brief Parses \a arguments (program name first); never exits the process. */
    static CommandLineResult parse(const QStringList &arguments);

    /*! \brief Whether argv only asks for text (help, version, or a usage error); safe to call
     *  before any application object exists. */
    static bool answersWithoutWindow(int argc, char **argv);

    /*! \brief Prints the text of a Help, Version or Error result; returns the exit code. */
    static int print(const CommandLineResult &result);

private:
    struct Options;
    static Options addOptions(QCommandLineParser &parser);
};

} // namespace aproc::monitor
