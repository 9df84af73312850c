// SPDX-License-Identifier: MIT
#include "outputpump.h"

#include "processes/managedprocess.h"

namespace aproc::monitor {

OutputPump::OutputPump(QObject *parent) : QObject(parent)
{
    m_clock.start();
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &OutputPump::drain);
}

OutputPump::~OutputPump() = default;

void OutputPump::receive(ManagedProcess *process, int channel, const QByteArray &data)
{
    if (data.isEmpty())
        return;
    Queue &queue = m_queues[process];
    if (queue.chunks.empty())
        m_order.append(process);
    queue.chunks.emplace_back(channel, data);
    queue.bytes += data.size();
    if (queue.bytes > highWaterBytes)
        process->setOutputPaused(true);
    if (!m_timer.isActive())
        m_timer.start(0); // the next loop iteration: after what is ready now
}

void OutputPump::flush(ManagedProcess *process)
{
    const auto found = m_queues.find(process);
    if (found == m_queues.end())
        return;
    while (deliverChunk(process, *found, chunkBytes) > 0) { }
    m_order.removeAll(process);
    resumeIfDrained(process, *found);
}

void OutputPump::forget(ManagedProcess *process)
{
    m_queues.remove(process);
    m_order.removeAll(process);
}

qsizetype OutputPump::queuedBytes(ManagedProcess *process) const
{
    const auto found = m_queues.constFind(process);
    return found == m_queues.cend() ? 0 : found->bytes;
}

// Round robin, one chunk per process per turn, until the slice or the byte budget is spent or
// nothing is queued.
void OutputPump::drain()
{
    adaptBudget();
    const qint64 start = m_clock.nsecsElapsed();
    const qint64 sliceNs = std::chrono::nanoseconds(sliceTime).count();
    qsizetype budget = m_budgetBytes;
    while (!m_order.isEmpty() && budget > 0 && m_clock.nsecsElapsed() - start < sliceNs) {
        ManagedProcess *process = m_order.takeFirst();
        Queue &queue = m_queues[process];
        budget -= deliverChunk(process, queue, qMin(chunkBytes, budget));
        if (!queue.chunks.empty())
            m_order.append(process); // more to come: to the back of the line
        resumeIfDrained(process, queue);
    }
    m_lastDrainEnd = -1;
    if (!m_order.isEmpty()) {
        m_timer.start(pauseInterval);
        m_lastDrainEnd = m_clock.nsecsElapsed();
    }
}

// What the consoles do with the output outside the drains (laying out the text of the one on
// screen, trimming it to its scrollback) costs far more per byte than the parsing in them, and
// comes in bursts. A drain that comes late says the loop was busy with it: the byte budget
// shrinks in proportion (a drain 80 ms late after an 8 ms pause gets a tenth), so that less
// output comes in and less waits to be shown; each drain on time grows it by a 256th of the
// largest.
void OutputPump::adaptBudget()
{
    if (m_lastDrainEnd < 0)
        return; // not a drain after a pause
    const qint64 pauseNs = std::chrono::nanoseconds(pauseInterval).count();
    const qint64 lateNs = m_clock.nsecsElapsed() - m_lastDrainEnd - pauseNs;
    if (lateNs > pauseNs)
        m_budgetBytes = qMax(minimumBudgetBytes, qsizetype(m_budgetBytes * pauseNs / lateNs));
    else
        m_budgetBytes = qMin(maximumBudgetBytes, m_budgetBytes + maximumBudgetBytes / 256);
}

// Delivers at most \a most bytes of the oldest queued data; returns how many.
qsizetype OutputPump::deliverChunk(ManagedProcess *process, Queue &queue, qsizetype most)
{
    if (queue.chunks.empty())
        return 0;
    const int channel = queue.chunks.front().first;
    QByteArray &data = queue.chunks.front().second;
    const bool whole = queue.frontOffset == 0 && data.size() <= most;
    QByteArray chunk;
    if (whole) {
        chunk = std::move(data);
    } else {
        chunk = data.sliced(queue.frontOffset, qMin(most, data.size() - queue.frontOffset));
        queue.frontOffset += chunk.size();
    }
    if (whole || queue.frontOffset == data.size()) {
        queue.chunks.pop_front();
        queue.frontOffset = 0;
    }
    queue.bytes -= chunk.size();
    Q_EMIT delivered(process, channel, chunk);
    return chunk.size();
}

void OutputPump::resumeIfDrained(ManagedProcess *process, const Queue &queue)
{
    if (queue.bytes < lowWaterBytes)
        process->setOutputPaused(false);
}

} // namespace aproc::monitor
