// SPDX-License-Identifier: MIT
#include "translations.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QLibraryInfo>
#include <QtCore/QLocale>

using namespace Qt::StringLiterals;

namespace aproc::monitor {

bool Translations::install(const QLocale &locale)
{
    remove();
    const QString qtDirectory = QLibraryInfo::path(QLibraryInfo::TranslationsPath);
    if (m_qt.load(locale, u"qtbase"_s, u"_"_s, qtDirectory))
        QCoreApplication::installTranslator(&m_qt);
    // Installed last, so it is searched first.
    const bool found = m_application.load(locale, u"aproc"_s, u"_"_s, u":/i18n"_s);
    if (found)
        QCoreApplication::installTranslator(&m_application);
    return found;
}

void Translations::remove()
{
    QCoreApplication::removeTranslator(&m_application);
    QCoreApplication::removeTranslator(&m_qt);
}

} // namespace aproc::monitor
