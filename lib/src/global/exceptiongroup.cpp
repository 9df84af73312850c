// SPDX-License-Identifier: MIT
#include <aproc/exceptiongroup.h>

#include <QtCore/QCoreApplication>

namespace aproc {

namespace {

QString withCount(const QString &message, qsizetype count)
{
    if (count == 1)
        return QCoreApplication::translate("aproc", "%1 (1 sub-exception)").arg(message);
    return QCoreApplication::translate("aproc", "%1 (%2 sub-exceptions)").arg(message).arg(count);
}

} // namespace

ExceptionGroup::ExceptionGroup(const QString &message, std::vector<std::exception_ptr> exceptions)
    : Error(withCount(message, qsizetype(exceptions.size()))), m_exceptions(std::move(exceptions))
{ }

} // namespace aproc
