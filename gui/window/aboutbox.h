// SPDX-License-Identifier: MIT
// Help > About: the program, its version and the versions it runs on.
#pragma once

#include <QtWidgets/QMessageBox>

namespace aproc::monitor {

/*! \brief The About box: Aproc Monitor's icon, version (aproc::versionString()) and licence.
 *  Shown with open(), so it never runs a nested event loop. */
class AboutBox : public QMessageBox
{
    Q_OBJECT

public:
    explicit AboutBox(QWidget *parent = nullptr);
};

} // namespace aproc::monitor
