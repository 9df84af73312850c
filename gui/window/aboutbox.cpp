// SPDX-License-Identifier: MIT
#include "window/aboutbox.h"

#include "application.h"

#include <aproc/version.h>

using namespace Qt::StringLiterals;

namespace aproc::monitor {

AboutBox::AboutBox(QWidget *parent) : QMessageBox(parent)
{
    setObjectName(u"aboutBox"_s);
    setWindowTitle(tr("About Aproc Monitor"));
    setIconPixmap(applicationIcon().pixmap(64, 64));
    setTextFormat(Qt::RichText);
    const QString version = aproc::versionString();
    const QString heading = tr("Aproc Monitor %1").arg(version);
    const QString purpose = tr("Lists, launches and signals local processes live.");
    const QString origin = tr("Built on Aproc %1 and Qt %2. Released under the MIT License.")
                                   .arg(version, QString::fromLatin1(qVersion()));
    setText(u"<h3>%1</h3><p>%2</p><p>%3</p>"_s.arg(heading.toHtmlEscaped(), purpose.toHtmlEscaped(),
                                                   origin.toHtmlEscaped()));
    setStandardButtons(QMessageBox::Close);
}

} // namespace aproc::monitor
