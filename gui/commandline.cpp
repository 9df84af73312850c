// SPDX-License-Identifier: MIT
#include "commandline.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QFileInfo>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace aproc::monitor {

static QString programName(const QStringList &arguments)
{
    return arguments.isEmpty() ? u"aproc-monitor"_s : QFileInfo(arguments.constFirst()).fileName();
}

struct CommandLine::Options
{
    QCommandLineOption help;
    QCommandLineOption version;
    QCommandLineOption procfile;
    QCommandLineOption demo;
};

CommandLine::Options CommandLine::addOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(tr("Lists, launches and signals local processes live."));
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    Options options{parser.addHelpOption(), parser.addVersionOption(),
                    QCommandLineOption(u"procfile"_s,
                                       tr("Load the commands of a Procfile (name: command)."),
                                       tr("FILE")),
                    QCommandLineOption(u"demo"_s, tr("Start a few demonstration processes."))};
    parser.addOption(options.procfile);
    parser.addOption(options.demo);
    parser.addPositionalArgument(u"command"_s, tr("A command to start, with its arguments."),
                                 tr("[-- COMMAND ARGS...]"));
    return options;
}

CommandLineResult CommandLine::parse(const QStringList &arguments)
{
    QCommandLineParser parser;
    const Options options = addOptions(parser);
    CommandLineResult result;
    if (!parser.parse(arguments)) {
        result.status = CommandLineResult::Status::Error;
        result.text = tr("%1\nTry '%2 --help' for more information.")
                              .arg(parser.errorText(), programName(arguments));
    } else if (parser.isSet(options.help) || parser.isSet(u"help-all"_s)) {
        result.status = CommandLineResult::Status::Help;
        result.text = parser.helpText();
    } else if (parser.isSet(options.version)) {
        result.status = CommandLineResult::Status::Version;
        result.text = QCoreApplication::applicationName() + u' '
                      + QCoreApplication::applicationVersion() + u'\n';
    } else {
        result.options.procfile = parser.value(options.procfile);
        result.options.demo = parser.isSet(options.demo);
        result.options.command = parser.positionalArguments();
    }
    return result;
}

bool CommandLine::answersWithoutWindow(int argc, char **argv)
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    QCommandLineParser parser;
    const Options options = addOptions(parser);
    return !parser.parse(arguments) || parser.isSet(options.help) || parser.isSet(u"help-all"_s)
           || parser.isSet(options.version);
}

int CommandLine::print(const CommandLineResult &result)
{
    const bool failed = result.status == CommandLineResult::Status::Error;
    std::FILE *stream = failed ? stderr : stdout;
    std::fputs(qPrintable(result.text), stream);
    if (!result.text.endsWith(u'\n'))
        std::fputc('\n', stream);
    return failed ? 2 : 0;
}

} // namespace aproc::monitor
