// SPDX-License-Identifier: MIT
//
//  W A R N I N G
//  -------------
// This file is not part of the Aproc API. It may change from version to version.
#pragma once

#include <aproc/impl/callback.h>

#include <QtCore/QtGlobal>

#include <cstddef>
#include <memory>
#include <new>
#include <utility>
#include <vector>

namespace aproc {

namespace detail {
class FutureCore;
}

/*! One entry of the ready queue: a callback, what it keeps alive, and the ids that cancel it. */
struct ReadyItem
{
    detail::Callback fn;
    quint64 id;
    detail::FutureCore *keepAlive;
    quint64 timerId; // a due timer's own id, so that its Handle can still cancel it
};

/*! The loop's ready queue: a FIFO of fixed-size blocks of items. Unlike std::deque (whose blocks
 *  hold five items of this size) it allocates once per BlockSize items and recycles a few emptied
 *  blocks, so a steady stream of callbacks allocates nothing; unlike a growing ring buffer, a
 *  burst never copies what is queued. Ids increase from front to back. */
class ReadyQueue
{
public:
    ReadyQueue() = default;
    ReadyQueue(const ReadyQueue &) = delete;
    ReadyQueue &operator=(const ReadyQueue &) = delete;
    ~ReadyQueue()
    {
        while (m_size > 0)
            pop();
        for (std::size_t i = m_firstBlock; i < m_blocks.size(); ++i)
            freeBlock(m_blocks[i]);
        for (ReadyItem *block : m_spareBlocks)
            freeBlock(block);
    }

    bool empty() const noexcept { return m_size == 0; }
    std::size_t size() const noexcept { return m_size; }

    void push(detail::Callback &&fn, quint64 id, detail::FutureCore *keepAlive, quint64 timerId)
    {
        const std::size_t position = m_head + m_size;
        if (position == (m_blocks.size() - m_firstBlock) * BlockSize)
            addBlock();
        ::new (static_cast<void *>(at(position))) ReadyItem{std::move(fn), id, keepAlive, timerId};
        ++m_size;
    }

    /*! Moves the front item out and removes it from the queue. */
    ReadyItem take() noexcept
    {
        ReadyItem item = std::move(*at(m_head));
        pop();
        return item;
    }

    /*! The queued item with \a id, or null (binary search: ids are sorted). */
    ReadyItem *find(quint64 id) noexcept
    {
        std::size_t low = 0;
        std::size_t high = m_size;
        while (low < high) {
            const std::size_t middle = low + (high - low) / 2;
            if (at(m_head + middle)->id < id)
                low = middle + 1;
            else
                high = middle;
        }
        return low < m_size && at(m_head + low)->id == id ? at(m_head + low) : nullptr;
    }

private:
    static constexpr std::size_t BlockSize = 256;
    static constexpr std::size_t SpareBlocks = 2;

    /*! The item at \a position, counted from the start of the first block in use. */
    ReadyItem *at(std::size_t position) const noexcept
    {
        return m_blocks[m_firstBlock + position / BlockSize] + position % BlockSize;
    }

    void pop() noexcept
    {
        std::destroy_at(at(m_head));
        ++m_head;
        if (--m_size == 0) {
            m_head = 0; // the first block serves again
            if (m_blocks.size() > m_firstBlock + 1 || m_firstBlock > 0) [[unlikely]]
                dropAllButFirstBlock();
        } else if (m_head == BlockSize) [[unlikely]] {
            dropFirstBlock();
        }
    }

    void dropAllButFirstBlock() noexcept
    {
        for (std::size_t i = m_firstBlock + 1; i < m_blocks.size(); ++i)
            recycle(m_blocks[i]);
        m_blocks[0] = m_blocks[m_firstBlock];
        m_blocks.resize(1);
        m_firstBlock = 0;
    }

    void dropFirstBlock() noexcept
    {
        recycle(m_blocks[m_firstBlock++]);
        m_head = 0;
        if (m_firstBlock > 32 && m_firstBlock * 2 > m_blocks.size()) {
            m_blocks.erase(m_blocks.begin(), m_blocks.begin() + std::ptrdiff_t(m_firstBlock));
            m_firstBlock = 0;
        }
    }

    void addBlock()
    {
        if (!m_spareBlocks.empty()) {
            m_blocks.push_back(m_spareBlocks.back());
            m_spareBlocks.pop_back();
        } else {
            m_blocks.push_back(std::allocator<ReadyItem>().allocate(BlockSize));
        }
    }

    void recycle(ReadyItem *block) noexcept
    {
        if (m_spareBlocks.size() < SpareBlocks)
            m_spareBlocks.push_back(block); // capacity reserved below: cannot throw
        else
            freeBlock(block);
    }

    static void freeBlock(ReadyItem *block) noexcept
    {
        std::allocator<ReadyItem>().deallocate(block, BlockSize);
    }

    std::vector<ReadyItem *> m_blocks; // the blocks in use are [m_firstBlock, size())
    std::vector<ReadyItem *> m_spareBlocks = reservedSpares();
    std::size_t m_firstBlock = 0;
    std::size_t m_head = 0; // the front item's index in the first block in use
    std::size_t m_size = 0;

    static std::vector<ReadyItem *> reservedSpares()
    {
        std::vector<ReadyItem *> spares;
        spares.reserve(SpareBlocks);
        return spares;
    }
};

} // namespace aproc
