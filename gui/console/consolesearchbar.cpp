// SPDX-License-Identifier: MIT
#include "console/consolesearchbar.h"

#include <QtGui/QKeyEvent>
#include <QtWidgets/QCheckBox>
#include <QtWidgets/QHBoxLayout>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QToolButton>

using namespace Qt::StringLiterals;

namespace aproc::monitor {

ConsoleSearchBar::ConsoleSearchBar(QWidget *parent) : QWidget(parent)
{
    m_edit = new QLineEdit(this);
    m_edit->setObjectName(u"searchEdit"_s);
    m_edit->setPlaceholderText(tr("Search"));
    m_edit->setClearButtonEnabled(true);
    m_edit->installEventFilter(this);
    m_regex = new QCheckBox(tr("Regular expression"), this);
    m_regex->setObjectName(u"searchRegex"_s);
    m_caseSensitive = new QCheckBox(tr("Match case"), this);
    m_caseSensitive->setObjectName(u"searchCase"_s);
    m_previous = new QToolButton(this);
    m_previous->setObjectName(u"searchPrevious"_s);
    m_previous->setText(tr("Previous"));
    m_next = new QToolButton(this);
    m_next->setObjectName(u"searchNext"_s);
    m_next->setText(tr("Next"));
    m_status = new QLabel(this);
    m_status->setObjectName(u"searchStatus"_s);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    for (QWidget *widget :
         {static_cast<QWidget *>(m_edit), static_cast<QWidget *>(m_regex),
          static_cast<QWidget *>(m_caseSensitive), static_cast<QWidget *>(m_previous),
          static_cast<QWidget *>(m_next), static_cast<QWidget *>(m_status)})
        layout->addWidget(widget);

    connect(m_edit, &QLineEdit::textChanged, this, &ConsoleSearchBar::expressionChanged);
    connect(m_regex, &QCheckBox::toggled, this, &ConsoleSearchBar::expressionChanged);
    connect(m_caseSensitive, &QCheckBox::toggled, this, &ConsoleSearchBar::expressionChanged);
    connect(m_next, &QToolButton::clicked, this, &ConsoleSearchBar::nextRequested);
    connect(m_previous, &QToolButton::clicked, this, &ConsoleSearchBar::previousRequested);
}

QRegularExpression ConsoleSearchBar::expression() const
{
    const QString text = m_edit->text();
    if (text.isEmpty())
        return QRegularExpression();
    QRegularExpression::PatternOptions options = QRegularExpression::NoPatternOption;
    if (!m_caseSensitive->isChecked())
        options |= QRegularExpression::CaseInsensitiveOption;
    return QRegularExpression(m_regex->isChecked() ? text : QRegularExpression::escape(text),
                              options);
}

void ConsoleSearchBar::setStatus(const QString &text)
{
    m_status->setText(text);
}

QString ConsoleSearchBar::status() const
{
    return m_status->text();
}

bool ConsoleSearchBar::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_edit && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Escape) {
            Q_EMIT closeRequested();
            return true;
        }
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            if (key->modifiers() & Qt::ShiftModifier)
                Q_EMIT previousRequested();
            else
                Q_EMIT nextRequested();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace aproc::monitor
