// SPDX-License-Identifier: MIT
// The line under the console that types into the selected process's stdin.
#pragma once

#include <QtCore/QStringList>
#include <QtWidgets/QWidget>

class QLineEdit;
class QToolButton;

namespace aproc::monitor {

/*! \brief A line edit that sends one line (Return, or the Send button) with a history
 *  (Up/Down), and an EOF button. It says nothing about where the line goes: the window connects
 *  lineSubmitted() and endOfFileRequested() to the selected process. */
class StdinBar : public QWidget
{
    Q_OBJECT

public:
    explicit StdinBar(QWidget *parent = nullptr);

    /*! \brief Enables typing and sending; when false, a placeholder says why (\a reason). */
    void setTarget(bool writable, const QString &reason = {});

    /*! \brief The lines sent so far, oldest first (at most historyLimit()). */
    QStringList history() const { return m_history; }
    /*! \brief How many lines the history keeps. */
    static constexpr int historyLimit() { return 100; }

    /*! \brief Puts the keyboard focus into the line edit. */
    void focusLine();

Q_SIGNALS:
    /*! \brief The user sent \a line (without a newline: the receiver adds it). */
    void lineSubmitted(const QString &line);
    /*! \brief The user asked to close the process's stdin (EOF). */
    void endOfFileRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void submit();
    void browseHistory(int step);
    void retranslateUi();

    QLineEdit *m_line = nullptr;
    QToolButton *m_send = nullptr;
    QToolButton *m_eof = nullptr;
    QStringList m_history;
    int m_historyPosition = 0; // == m_history.size(): the line being typed
    QString m_draft;
    QString m_reason;
};

} // namespace aproc::monitor
