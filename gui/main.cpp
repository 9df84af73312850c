// SPDX-License-Identifier: MIT
// aproc-monitor: lists, launches and signals local processes.
#include "application.h"
#include "commandline.h"
#include "mainwindow.h"
#include "translations.h"

#include <QtCore/QLocale>

int main(int argc, char *argv[])
{
    using namespace aproc::monitor;
    const auto application = createApplication(argc, argv);
    setUpApplicationIdentity();
    Translations translations;
    translations.install(QLocale::system());

    const CommandLineResult commandLine = CommandLine::parse(application->arguments());
    if (commandLine.status != CommandLineResult::Status::Run)
        return CommandLine::print(commandLine);

    MainWindow window;
    window.show();
    return application->exec();
}
