// SPDX-License-Identifier: MIT
//
//  W A R N I N G
//  -------------
// This file is not part of the Aproc API. It may change from version to version.
#pragma once

#include <QtCore/QtGlobal>

#include <algorithm>
#include <chrono>

namespace aproc {

/*! \brief How long one Qt event may run asyncio iterations: until the ready queue is empty or
 *  the budget is spent, so that a chain of callbacks never starves Qt's own events (input, paint,
 *  sockets).
 *
 *  Reading the clock costs as much as several cheap callbacks (20 to 80 ns), so it is read only
 *  every few iterations: after each reading, as many as took about a sixteenth of the budget at the
 *  pace of the last stretch (at most twice as many as the last time, at most MaxStride). Slow
 *  callbacks get a reading after each iteration, as before. */
class DrainBudget
{
public:
    static constexpr qint64 BudgetNs = 5'000'000;
    static constexpr int MaxStride = 32;

    DrainBudget() : m_lastReading(clockNs()), m_deadline(m_lastReading + BudgetNs) { }

    /*! \brief The loop's clock as last read (EventLoop::time() in ns). */
    qint64 lastReading() const noexcept { return m_lastReading; }

    /*! \brief Called after each iteration: true once the budget is spent. */
    bool spent()
    {
        if (--m_untilReading > 0)
            return false;
        const qint64 now = clockNs();
        const qint64 stretch = now - m_lastReading;
        m_lastReading = now;
        if (now >= m_deadline)
            return true;
        const qint64 fitting = stretch > 0 ? BudgetNs / 16 * m_stride / stretch : MaxStride;
        m_stride = int(std::clamp<qint64>(fitting, 1, std::min(2 * m_stride, MaxStride)));
        m_untilReading = m_stride;
        return false;
    }

    /*! \brief The same clock as EventLoop::time(), in ns. */
    static qint64 clockNs()
    {
        return std::chrono::duration_cast<std::chrono::nanoseconds>(
                       std::chrono::steady_clock::now().time_since_epoch())
                .count();
    }

private:
    qint64 m_lastReading;
    qint64 m_deadline;
    int m_stride = 1;
    int m_untilReading = 1;
};

} // namespace aproc
