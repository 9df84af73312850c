// SPDX-License-Identifier: MIT
// The search bar under a console: text, regex and case options, next/previous, match count.
#pragma once

#include <QtCore/QRegularExpression>
#include <QtWidgets/QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QToolButton;

namespace aproc::monitor {

/*! \brief The search bar of a ConsoleView. It says what to look for; the view does the finding
 *  and reports back with setStatus(). Escape closes it. */
class ConsoleSearchBar : public QWidget
{
    Q_OBJECT

public:
    /*! \brief A search bar with an empty text. */
    explicit ConsoleSearchBar(QWidget *parent = nullptr);

    /*! \brief The text field (object name "searchEdit"). */
    QLineEdit *edit() const { return m_edit; }
    /*! \brief What to look for, built from the text and options; invalid when the regular
     *  expression is, or empty when there is no text (pattern() is empty). */
    QRegularExpression expression() const;
    /*! \brief Shows \a text in the status label (object name "searchStatus"). */
    void setStatus(const QString &text);
    /*! \brief The status label's text. */
    QString status() const;

Q_SIGNALS:
    /*! \brief The user asked for the next match (Return, the "searchNext" button). */
    void nextRequested();
    /*! \brief The user asked for the previous match (Shift+Return, "searchPrevious"). */
    void previousRequested();
    /*! \brief The text or an option changed. */
    void expressionChanged();
    /*! \brief The user closed the bar (Escape). */
    void closeRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QLineEdit *m_edit = nullptr;
    QCheckBox *m_regex = nullptr;
    QCheckBox *m_caseSensitive = nullptr;
    QToolButton *m_next = nullptr;
    QToolButton *m_previous = nullptr;
    QLabel *m_status = nullptr;
};

} // namespace aproc::monitor
