// SPDX-License-Identifier: MIT
// Follow-tail: a scroll area that stays at the bottom until the user scrolls up.
#pragma once

#include <QtCore/QObject>

class QScrollBar;

namespace aproc::monitor {

/*! \brief Keeps a scroll bar at its maximum while following (as `tail -f` does). The user
 *  scrolling away turns following off; scrolling back to the bottom turns it on again. Moves
 *  made between beginUpdate() and endUpdate() (content being added) are not the user's. */
class TailFollower : public QObject
{
    Q_OBJECT

public:
    /*! \brief Watches \a bar, following at first. */
    explicit TailFollower(QScrollBar *bar, QObject *parent = nullptr);

    /*! \brief Whether the bar is kept at the bottom. */
    bool isFollowing() const { return m_following; }
    /*! \brief Starts (and scrolls to the bottom) or stops following. */
    void setFollowing(bool following);

    /*! \brief Content is about to change: scroll bar moves are not the user's. */
    void beginUpdate();
    /*! \brief The content changed: back to the bottom when following. */
    void endUpdate();

Q_SIGNALS:
    /*! \brief isFollowing() changed, by setFollowing() or by the user scrolling. */
    void followingChanged(bool following);

private:
    void scrollToBottom();
    void scrolled(int value);

    QScrollBar *m_bar;
    bool m_following = true;
    int m_updating = 0;
};

} // namespace aproc::monitor
