// SPDX-License-Identifier: MIT
// The translators of the user interface: Aproc Monitor's own and Qt's.
#pragma once

#include <QtCore/QTranslator>

class QLocale;

namespace aproc::monitor {

/*! \brief Owns and installs the translators for one locale; destroying it uninstalls them. */
class Translations
{
public:
    /*! \brief Installs Qt's own qtbase translation for \a locale, from
     *  QLibraryInfo::TranslationsPath when present, and Aproc Monitor's, embedded under :/i18n.
     *  Replaces what an earlier call installed. Returns whether Aproc Monitor's own was found. */
    bool install(const QLocale &locale);

    /*! \brief Removes both translators from the application. */
    void remove();

private:
    QTranslator m_qt;
    QTranslator m_application;
};

} // namespace aproc::monitor
