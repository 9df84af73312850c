// SPDX-License-Identifier: MIT
#include "outputpump.h"

#include "processes/managedprocess.h"

#include <QtCore/QElapsedTimer>

namespace aproc::monitor {

OutputPump::OutputPump(QObject *parent) : QObject(parent)
{
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
    while (deliverChunk(process, *found)) { }
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

// Round robin, one chunk per process per turn, until the slice is spent or nothing is queued.
void OutputPump::drain()
{
    QElapsedTimer slice;
    slice.start();
    const qint64 sliceNs = std::chrono::nanoseconds(sliceTime).count();
    while (!m_order.isEmpty() && slice.nsecsElapsed() < sliceNs) {
        ManagedProcess *process = m_order.takeFirst();
        Queue &queue = m_queues[process];
        if (deliverChunk(process, queue))
            m_order.append(process); // more to come: to the back of the line
        resumeIfDrained(process, queue);
    }
    if (!m_order.isEmpty())
        m_timer.start(pauseInterval);
}

// Delivers at most chunkBytes of the oldest queued data; true while more is queued.
bool OutputPump::deliverChunk(ManagedProcess *process, Queue &queue)
{
    if (queue.chunks.empty())
        return false;
    const int channel = queue.chunks.front().first;
    QByteArray &data = queue.chunks.front().second;
    const bool whole = queue.frontOffset == 0 && data.size() <= chunkBytes;
    QByteArray chunk;
    if (whole) {
        chunk = std::move(data);
    } else {
        chunk = data.sliced(queue.frontOffset, qMin(chunkBytes, data.size() - queue.frontOffset));
        queue.frontOffset += chunk.size();
    }
    if (whole || queue.frontOffset == data.size()) {
        queue.chunks.pop_front();
        queue.frontOffset = 0;
    }
    queue.bytes -= chunk.size();
    Q_EMIT delivered(process, channel, chunk);
    return !queue.chunks.empty();
}

void OutputPump::resumeIfDrained(ManagedProcess *process, const Queue &queue)
{
    if (queue.bytes < lowWaterBytes)
        process->setOutputPaused(false);
}

} // namespace aproc::monitor
