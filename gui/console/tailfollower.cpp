// SPDX-License-Identifier: MIT
#include "console/tailfollower.h"

#include <QtWidgets/QScrollBar>

namespace aproc::monitor {

TailFollower::TailFollower(QScrollBar *bar, QObject *parent) : QObject(parent), m_bar(bar)
{
    connect(bar, &QScrollBar::valueChanged, this, &TailFollower::scrolled);
    connect(bar, &QScrollBar::rangeChanged, this, [this] {
        if (m_following)
            scrollToBottom();
    });
}

void TailFollower::setFollowing(bool following)
{
    if (following == m_following)
        return;
    m_following = following;
    if (m_following)
        scrollToBottom();
    Q_EMIT followingChanged(m_following);
}

void TailFollower::beginUpdate()
{
    ++m_updating;
}

void TailFollower::endUpdate()
{
    --m_updating;
    if (m_following)
        scrollToBottom();
}

void TailFollower::scrollToBottom()
{
    ++m_updating;
    m_bar->setValue(m_bar->maximum());
    --m_updating;
}

void TailFollower::scrolled(int value)
{
    if (m_updating == 0)
        setFollowing(value >= m_bar->maximum());
}

} // namespace aproc::monitor
