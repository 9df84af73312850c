// SPDX-License-Identifier: MIT
// addReader()/addWriter(): one QSocketNotifier per fd and direction. An activation queues the
// callback once (the notifier is level-triggered) and runs the ready queue, as asyncio's select
// step appends fd callbacks to the ready queue.
#include "loop/eventloop_p.h"

#include <QtCore/QSocketNotifier>

namespace aproc {

void EventLoopPrivate::addWatch(FdWatches &watches, int fd, std::function<void()> fn, bool write)
{
    FdWatch &watch = watches[fd];
    watch.fn = std::make_shared<std::function<void()>>(std::move(fn));
    if (watch.notifier)
        return;
    watch.generation = ++nextWatchGeneration;
    watch.notifier = std::make_unique<QSocketNotifier>(fd, write ? QSocketNotifier::Write
                                                                 : QSocketNotifier::Read);
    QObject::connect(watch.notifier.get(), &QSocketNotifier::activated, q,
                     [this, &watches, fd] { onFdActivated(watches, fd); });
}

bool EventLoopPrivate::removeWatch(FdWatches &watches, int fd)
{
    auto it = watches.find(fd);
    if (it == watches.end())
        return false;
    it->second.notifier->setEnabled(false);
    watches.erase(it);
    return true;
}

void EventLoopPrivate::onFdActivated(FdWatches &watches, int fd)
{
    auto it = watches.find(fd);
    if (it == watches.end() || it->second.queued)
        return;
    it->second.queued = true;
    const quint64 generation = it->second.generation;
    enqueue([this, &watches, fd, generation] {
        auto it = watches.find(fd);
        if (it == watches.end() || it->second.generation != generation)
            return; // removed (or replaced by a new watch) since it was queued
        it->second.queued = false;
        const auto fn = it->second.fn; // keeps the callback alive if it removes its own watch
        (*fn)();
    });
    runReady();
}

} // namespace aproc
