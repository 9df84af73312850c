// SPDX-License-Identifier: MIT
// aproc-monitor: lists, launches and signals local processes.
#include "application.h"
#include "commandline.h"
#include "translations.h"
#include "window/mainwindow.h"

#include <aproc/crashguard.h>
#include <aproc/eventloop.h>

#include <QtCore/QLocale>

#include <csignal>

int main(int argc, char *argv[])
{
    using namespace aproc::monitor;
    // A crash of the monitor ends every child's whole tree, not only the children themselves.
    aproc::killChildGroupsOnCrash();
    const auto application = createApplication(argc, argv);
    setUpApplicationIdentity();
    Translations translations;
    translations.install(QLocale::system());

    const CommandLineResult commandLine = CommandLine::parse(application->arguments());
    if (commandLine.status != CommandLineResult::Status::Run)
        return CommandLine::print(commandLine);

    MainWindow window;
    window.show();
    window.applyCommandLine(commandLine.options);
    // Ctrl+C in the terminal, or a TERM from the session: quit as the menu does, so that every
    // child is stopped first.
    for (const int signo : {SIGINT, SIGTERM, SIGHUP})
        aproc::EventLoop::current()->addSignalHandler(signo, [&window] { window.close(); });
    return application->exec();
}
