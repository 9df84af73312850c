// SPDX-License-Identifier: MIT
#include "application.h"

#include "commandline.h"

#include <aproc/version.h>

#include <QtWidgets/QApplication>

using namespace Qt::StringLiterals;

namespace aproc::monitor {

std::unique_ptr<QCoreApplication> createApplication(int &argc, char **argv)
{
    if (CommandLine::answersWithoutWindow(argc, argv))
        return std::make_unique<QCoreApplication>(argc, argv);
    return std::make_unique<QApplication>(argc, argv);
}

void setUpApplicationIdentity()
{
    QCoreApplication::setOrganizationName(u"Aproc"_s);
    QCoreApplication::setApplicationName(u"Aproc Monitor"_s);
    QCoreApplication::setApplicationVersion(aproc::versionString());
    QGuiApplication::setDesktopFileName(u"aproc-monitor"_s);
    if (qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
        QGuiApplication::setWindowIcon(applicationIcon());
}

QIcon applicationIcon()
{
    QIcon icon;
    for (const int size : {16, 24, 32, 48, 64, 128, 256})
        icon.addFile(u":/icons/aproc-monitor-%1.png"_s.arg(size), QSize(size, size));
    return icon;
}

} // namespace aproc::monitor
