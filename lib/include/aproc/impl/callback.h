// SPDX-License-Identifier: MIT
// Aproc internal header: do not include directly; include <aproc/eventloop.h>.
#pragma once

#include <cstddef>
#include <cstring>
#include <new>
#include <type_traits>
#include <utility>

namespace aproc::detail {

/*! \brief A move-only `void()` callable with inline storage: what the loop queues.
 *
 *  Callables up to InlineSize bytes (a future's completion, a task's wake-up, a lambda with a few
 *  captures) are stored in place, so scheduling them allocates nothing; larger ones go to the heap.
 *  Unlike std::function it accepts move-only captures. */
class Callback
{
public:
    static constexpr std::size_t InlineSize = 6 * sizeof(void *);

    Callback() noexcept = default;
    Callback(std::nullptr_t) noexcept { }

    template<typename F, typename = std::enable_if_t<!std::is_same_v<std::decay_t<F>, Callback>>>
    Callback(F &&fn) // NOLINT: implicit, like std::function
    {
        using Fn = std::decay_t<F>;
        if constexpr (fitsInline<Fn>) {
            ::new (static_cast<void *>(m_storage)) Fn(std::forward<F>(fn));
            m_ops = &inlineOps<Fn>;
        } else {
            *reinterpret_cast<Fn **>(m_storage) = new Fn(std::forward<F>(fn));
            m_ops = &heapOps<Fn>;
        }
    }

    Callback(Callback &&other) noexcept : m_ops(std::exchange(other.m_ops, nullptr))
    {
        if (m_ops)
            relocateFrom(other);
    }

    Callback &operator=(Callback &&other) noexcept
    {
        if (this != &other) {
            reset();
            m_ops = std::exchange(other.m_ops, nullptr);
            if (m_ops)
                relocateFrom(other);
        }
        return *this;
    }

    Callback(const Callback &) = delete;
    Callback &operator=(const Callback &) = delete;
    ~Callback() { reset(); }

    explicit operator bool() const noexcept { return m_ops != nullptr; }
    void operator()() { m_ops->invoke(m_storage); }

    void reset() noexcept
    {
        if (auto ops = std::exchange(m_ops, nullptr); ops && ops->destroy)
            ops->destroy(m_storage);
    }

private:
    /*! The type-erased operations; a null relocate means "copy the bytes" (a trivially copyable
     *  callable, or the pointer to a heap one), a null destroy means "nothing to do". */
    struct Ops
    {
        void (*invoke)(void *storage);
        void (*relocate)(void *from, void *to) noexcept;
        void (*destroy)(void *storage) noexcept;
    };

    void relocateFrom(Callback &other) noexcept
    {
        if (m_ops->relocate)
            m_ops->relocate(other.m_storage, m_storage);
        else
            std::memcpy(m_storage, other.m_storage, InlineSize);
    }

    template<typename Fn>
    static constexpr bool fitsInline
            = sizeof(Fn) <= InlineSize && alignof(Fn) <= alignof(std::max_align_t)
              && std::is_nothrow_move_constructible_v<Fn>;

    template<typename Fn> static void invokeInline(void *s)
    {
        (*std::launder(static_cast<Fn *>(s)))();
    }
    template<typename Fn> static void relocateInline(void *from, void *to) noexcept
    {
        Fn *source = std::launder(static_cast<Fn *>(from));
        ::new (to) Fn(std::move(*source));
        source->~Fn();
    }
    template<typename Fn> static void destroyInline(void *s) noexcept
    {
        std::launder(static_cast<Fn *>(s))->~Fn();
    }

    template<typename Fn>
    static constexpr Ops inlineOps
            = std::is_trivially_copyable_v<Fn>
                      ? Ops{&invokeInline<Fn>, nullptr, nullptr}
                      : Ops{&invokeInline<Fn>, &relocateInline<Fn>, &destroyInline<Fn>};

    template<typename Fn>
    static constexpr Ops heapOps = {
            [](void *s) { (**static_cast<Fn **>(s))(); },
            nullptr,
            [](void *s) noexcept { delete *static_cast<Fn **>(s); },
    };

    alignas(std::max_align_t) unsigned char m_storage[InlineSize];
    const Ops *m_ops = nullptr;
};

} // namespace aproc::detail
