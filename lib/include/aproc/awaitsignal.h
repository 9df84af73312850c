// SPDX-License-Identifier: MIT
#pragma once

#include <aproc/future.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QObject>

#include <tuple>
#include <type_traits>

namespace aproc {

namespace detail {

template<typename... A> struct TypeList
{ };

/*! Drops a trailing QPrivateSignal (an empty private struct Qt appends to some signals). */
template<typename Kept, typename... Rest> struct StripPrivateSignal;
template<typename... Kept> struct StripPrivateSignal<TypeList<Kept...>>
{
    using type = TypeList<Kept...>;
};
template<typename... Kept, typename Last> struct StripPrivateSignal<TypeList<Kept...>, Last>
{
    using type = std::conditional_t<std::is_class_v<Last> && std::is_empty_v<Last>,
                                    TypeList<Kept...>, TypeList<Kept..., Last>>;
};
template<typename... Kept, typename First, typename Second, typename... Rest>
struct StripPrivateSignal<TypeList<Kept...>, First, Second, Rest...>
{
    using type = typename StripPrivateSignal<TypeList<Kept..., First>, Second, Rest...>::type;
};

template<typename Func> struct SignalArguments;
template<typename Class, typename... Args> struct SignalArguments<void (Class::*)(Args...)>
{
    using type = typename StripPrivateSignal<TypeList<>, std::decay_t<Args>...>::type;
};

template<typename List> struct SignalResultOf;
template<> struct SignalResultOf<TypeList<>>
{
    using type = void;
};
template<typename A> struct SignalResultOf<TypeList<A>>
{
    using type = A;
};
template<typename A, typename B, typename... Rest> struct SignalResultOf<TypeList<A, B, Rest...>>
{
    using type = std::tuple<A, B, Rest...>;
};

template<typename Func>
using SignalResult = typename SignalResultOf<typename SignalArguments<Func>::type>::type;

/*! The context of the connections: lives in the awaiting thread and owns a copy of the future
 *  there. The connection functors hold only this pointer: Qt may destroy them in the sender's
 *  thread, and a Future must not be copied or released outside its loop's thread. */
template<typename R> class SignalReceiver final : public QObject
{
public:
    explicit SignalReceiver(Future<R> future) : future(std::move(future)) { }
    Future<R> future;
};

template<typename R, typename Sender, typename Func, typename... Args>
Future<R> awaitSignal(const Sender *sender, Func signal, TypeList<Args...>)
{
    Future<R> future;
    // Lives in the awaiting thread: a signal emitted elsewhere is queued to it.
    auto *receiver = new SignalReceiver<R>(future);
    QObject::connect(
            sender, signal, receiver,
            [receiver](const Args &...args) {
                Future<R> &future = receiver->future;
                if (future.done())
                    return;
                if constexpr (sizeof...(Args) == 0)
                    future.setResult();
                else if constexpr (sizeof...(Args) == 1)
                    future.setResult(args...);
                else
                    future.setResult(R(args...));
            },
            Qt::SingleShotConnection);
    QObject::connect(sender, &QObject::destroyed, receiver, [receiver] {
        Future<R> &future = receiver->future;
        if (!future.done())
            future.cancel(QCoreApplication::translate("aproc", "the sender was destroyed"));
    });
    future.addDoneCallback([receiver] { delete receiver; });
    return future;
}

} // namespace detail

/*! \brief Awaits the next emission of \a signal by \a sender, e.g.
 *  `co_await aproc::signal(timer, &QTimer::timeout)`: nothing for a signal without arguments,
 *  the argument for one, a std::tuple for several. If \a sender is destroyed first, the await
 *  throws CancelledError. Cancelling the awaiting task disconnects. */
template<typename Sender, typename Func>
Future<detail::SignalResult<Func>> signal(const Sender *sender, Func signal)
{
    static_assert(std::is_base_of_v<QObject, Sender>, "the sender must be a QObject");
    return detail::awaitSignal<detail::SignalResult<Func>>(
            sender, signal, typename detail::SignalArguments<Func>::type{});
}

} // namespace aproc
