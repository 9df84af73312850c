// SPDX-License-Identifier: MIT
// Who the program is: names QSettings and the desktop use, its version and its icon.
#pragma once

#include <QtGui/QIcon>

#include <memory>

class QCoreApplication;

namespace aproc::monitor {

/*! \brief A QApplication, or a QCoreApplication when the command line only asks for text
 *  (--help, --version, a usage error): that answer needs no display. */
std::unique_ptr<QCoreApplication> createApplication(int &argc, char **argv);

/*! \brief Sets the organization ("Aproc"), application name ("Aproc Monitor"), version, desktop
 *  file name and, in a GUI application, the window icon. */
void setUpApplicationIdentity();

/*! \brief The Aproc Monitor icon, from the PNGs embedded under :/icons. */
QIcon applicationIcon();

} // namespace aproc::monitor
