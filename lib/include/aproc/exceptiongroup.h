// SPDX-License-Identifier: MIT
#pragma once

#include <aproc/errors.h>

#include <exception>
#include <type_traits>
#include <vector>

namespace aproc {

/*! \brief Several exceptions raised together, e.g. by the tasks of a TaskGroup (Python's
 *  ExceptionGroup).
 *
 *  exceptions() holds each one as it was thrown, in the order they happened, of any type
 *  (Aproc's or not). matching<E>() finds those of type E, also inside nested groups, as
 *  `except* E` does; rethrow one with std::rethrow_exception(). */
class APROC_EXPORT ExceptionGroup : public Error
{
public:
    /*! \brief ExceptionGroup(\a message, \a exceptions); the message gets the count appended,
     *  as Python's str() shows it: "unhandled errors in a TaskGroup (2 sub-exceptions)". */
    ExceptionGroup(const QString &message, std::vector<std::exception_ptr> exceptions);

    /*! \brief The exceptions, in the order they were raised (ExceptionGroup.exceptions). */
    const std::vector<std::exception_ptr> &exceptions() const { return m_exceptions; }

    /*! \brief Every exception of type \a E (or derived from it), in order, the leaves of nested
     *  groups included (ExceptionGroup.subgroup(E)); the pointers live as long as this group. */
    template<typename E> std::vector<const E *> matching() const
    {
        std::vector<const E *> found;
        for (const std::exception_ptr &exception : m_exceptions)
            collect(exception, found);
        return found;
    }

    /*! \brief True when matching<E>() finds at least one (`except* E` would run). */
    template<typename E> bool contains() const { return !matching<E>().empty(); }

private:
    template<typename E>
    static void collect(const std::exception_ptr &exception, std::vector<const E *> &found)
    {
        try {
            std::rethrow_exception(exception);
        } catch (const ExceptionGroup &group) { // a nested group: its leaves, as except* sees them
            if constexpr (std::is_same_v<E, ExceptionGroup>) {
                found.push_back(&group);
            } else {
                for (const std::exception_ptr &inner : group.m_exceptions)
                    collect(inner, found);
            }
            return;
        } catch (...) { }
        if constexpr (!std::is_same_v<E, ExceptionGroup>) {
            try {
                std::rethrow_exception(exception);
            } catch (const E &matched) {
                found.push_back(&matched);
            } catch (...) { }
        }
    }

    std::vector<std::exception_ptr> m_exceptions;
};

} // namespace aproc
