// SPDX-License-Identifier: MIT
// A fixed-size ring of samples: the newest replace the oldest once it is full.
#pragma once

#include <QtCore/QList>

#include <array>

namespace aproc::monitor {

/*! \brief The last \a Capacity values appended, oldest first. */
template<typename T, qsizetype Capacity> class History
{
    static_assert(Capacity > 0);

public:
    /*! \brief How many values it holds at most. */
    static constexpr qsizetype capacity() { return Capacity; }

    /*! \brief Appends \a value, dropping the oldest one when full. */
    void append(const T &value)
    {
        m_values[std::size_t((m_first + m_size) % Capacity)] = value;
        if (m_size < Capacity)
            ++m_size;
        else
            m_first = (m_first + 1) % Capacity;
    }

    /*! \brief How many values it holds. */
    qsizetype size() const { return m_size; }
    /*! \brief True before the first append(). */
    bool isEmpty() const { return m_size == 0; }
    /*! \brief The value \a i, 0 being the oldest. */
    const T &at(qsizetype i) const { return m_values[std::size_t((m_first + i) % Capacity)]; }
    /*! \brief The newest value; the history must not be empty. */
    const T &last() const { return at(m_size - 1); }

    /*! \brief Every value, oldest first. */
    QList<T> toList() const
    {
        QList<T> list;
        list.reserve(m_size);
        for (qsizetype i = 0; i < m_size; ++i)
            list.append(at(i));
        return list;
    }

private:
    std::array<T, std::size_t(Capacity)> m_values{};
    qsizetype m_first = 0;
    qsizetype m_size = 0;
};

} // namespace aproc::monitor
