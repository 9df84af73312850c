// SPDX-License-Identifier: MIT
#include "stdinbar.h"

#include "launch/actionicons.h"

#include <QtGui/QKeyEvent>
#include <QtWidgets/QHBoxLayout>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QToolButton>

using namespace Qt::StringLiterals;

namespace aproc::monitor {

StdinBar::StdinBar(QWidget *parent)
    : QWidget(parent), m_line(new QLineEdit(this)), m_send(new QToolButton(this)),
      m_eof(new QToolButton(this))
{
    setObjectName(u"stdinBar"_s);
    m_line->setObjectName(u"stdinEdit"_s);
    m_line->setClearButtonEnabled(true);
    m_line->installEventFilter(this);
    m_send->setObjectName(u"stdinSend"_s);
    m_send->setIcon(actionIcon(u"send"_s));
    m_send->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_eof->setObjectName(u"stdinEof"_s);
    m_eof->setIcon(actionIcon(u"eof"_s));
    m_eof->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_line, 1);
    layout->addWidget(m_send);
    layout->addWidget(m_eof);

    connect(m_line, &QLineEdit::returnPressed, this, &StdinBar::submit);
    connect(m_send, &QToolButton::clicked, this, &StdinBar::submit);
    connect(m_eof, &QToolButton::clicked, this, &StdinBar::endOfFileRequested);
    retranslateUi();
    setTarget(false);
}

void StdinBar::setTarget(bool writable, const QString &reason)
{
    m_reason = reason;
    m_line->setEnabled(writable);
    m_send->setEnabled(writable);
    m_eof->setEnabled(writable);
    retranslateUi();
}

void StdinBar::focusLine()
{
    m_line->setFocus(Qt::ShortcutFocusReason);
}

void StdinBar::submit()
{
    if (!m_line->isEnabled())
        return;
    const QString line = m_line->text();
    if (!line.isEmpty() && (m_history.isEmpty() || m_history.constLast() != line)) {
        m_history.append(line);
        if (m_history.size() > historyLimit())
            m_history.removeFirst();
    }
    m_historyPosition = int(m_history.size());
    m_draft.clear();
    m_line->clear();
    Q_EMIT lineSubmitted(line);
}

void StdinBar::browseHistory(int step)
{
    const int position = m_historyPosition + step;
    if (position < 0 || position > m_history.size())
        return;
    if (m_historyPosition == m_history.size())
        m_draft = m_line->text();
    m_historyPosition = position;
    m_line->setText(position == m_history.size() ? m_draft : m_history.at(position));
}

bool StdinBar::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_line && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Up || key == Qt::Key_Down) {
            browseHistory(key == Qt::Key_Up ? -1 : 1);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void StdinBar::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void StdinBar::retranslateUi()
{
    m_line->setPlaceholderText(
            m_line->isEnabled() ? tr("Type a line for the process's standard input") : m_reason);
    m_send->setText(tr("Send"));
    m_send->setToolTip(tr("Send the line and a newline to the process (Return)"));
    m_eof->setText(tr("EOF"));
    m_eof->setToolTip(tr("Close the process's standard input (end of file)"));
}

} // namespace aproc::monitor
