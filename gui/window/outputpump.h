// SPDX-License-Identifier: MIT
// Between the children and the consoles: output is queued as it arrives and handed on in slices
// of bounded time, and a child whose queue is full is not read until it drains.
#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QElapsedTimer>
#include <QtCore/QHash>
#include <QtCore/QObject>
#include <QtCore/QTimer>

#include <chrono>
#include <deque>
#include <utility>

namespace aproc::monitor {

class ManagedProcess;

/*! \brief Hands the output of many children on to the consoles without ever holding the event
 *  loop for long.
 *
 *  receive() only queues the bytes. A drain hands them on (delivered()) in chunks of at most
 *  chunkBytes, in turn from each process, for at most sliceTime and a byte budget; what is left
 *  waits for the next drain, pauseInterval later, so that input, painting and timers run in
 *  between. When drains come late (the consoles' own work, such as laying out the text of a busy
 *  console on screen, fills the pauses) the budget shrinks in proportion, down to
 *  minimumBudgetBytes, and it grows back while drains are on time. A process
 *  whose queue holds more than highWaterBytes is paused (ManagedProcess::setOutputPaused()): the
 *  kernel's pipe fills and the child waits in write(), as it would under a slow terminal. It is
 *  resumed once its queue is below lowWaterBytes. Memory is bounded, output is never dropped or
 *  reordered, and 100 children printing as fast as they can leave the window responsive. */
class OutputPump : public QObject
{
    Q_OBJECT

public:
    static constexpr qsizetype chunkBytes = 16 * 1024;
    static constexpr qsizetype highWaterBytes = 256 * 1024;
    static constexpr qsizetype lowWaterBytes = 64 * 1024;
    static constexpr std::chrono::milliseconds sliceTime{4};
    static constexpr std::chrono::milliseconds pauseInterval{8};
    static constexpr qsizetype minimumBudgetBytes = 1024;
    static constexpr qsizetype maximumBudgetBytes = 1024 * 1024;

    explicit OutputPump(QObject *parent = nullptr);
    ~OutputPump() override;

    /*! \brief Queues \a data that \a process printed on \a channel. */
    void receive(ManagedProcess *process, int channel, const QByteArray &data);
    /*! \brief Hands on everything queued for \a process now (before a notice about it, so that
     *  its output and the notice stay in order). */
    void flush(ManagedProcess *process);
    /*! \brief Forgets \a process and what is queued for it. */
    void forget(ManagedProcess *process);
    /*! \brief The bytes queued for \a process. */
    qsizetype queuedBytes(ManagedProcess *process) const;

Q_SIGNALS:
    /*! \brief \a data that \a process printed on \a channel, in order, in chunks. A slot must
     *  not call forget(). */
    void delivered(aproc::monitor::ManagedProcess *process, int channel, const QByteArray &data);

private:
    struct Queue
    {
        std::deque<std::pair<int, QByteArray>> chunks; // (channel, data), oldest first
        qsizetype frontOffset = 0; // of the front chunk, what was delivered already
        qsizetype bytes = 0; // not yet delivered
    };

    void drain();
    void adaptBudget();
    qsizetype deliverChunk(ManagedProcess *process, Queue &queue, qsizetype most);
    void resumeIfDrained(ManagedProcess *process, const Queue &queue);

    QHash<ManagedProcess *, Queue> m_queues;
    QList<ManagedProcess *> m_order; // round robin: whose chunk goes next
    QTimer m_timer;
    QElapsedTimer m_clock;
    qsizetype m_budgetBytes = maximumBudgetBytes; // per drain
    qint64 m_lastDrainEnd = -1; // when the last drain ended, if it scheduled the next one
};

} // namespace aproc::monitor
