// SPDX-License-Identifier: MIT
#include "console/consoleview.h"

#include <QtWidgets/QPlainTextEdit>
#include <QtWidgets/QVBoxLayout>

namespace aproc::monitor {

class ConsoleViewPrivate
{
public:
    QPlainTextEdit *text = nullptr;
    int scrollback = ConsoleView::defaultScrollbackLines;
    bool timestamps = false;
    bool follow = true;
};

ConsoleView::ConsoleView(QWidget *parent)
    : QWidget(parent), d(std::make_unique<ConsoleViewPrivate>())
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    d->text = new QPlainTextEdit(this);
    d->text->setObjectName(QStringLiteral("consoleText"));
    d->text->setReadOnly(true);
    layout->addWidget(d->text);
}

ConsoleView::~ConsoleView() = default;

void ConsoleView::appendOutput(int, const QByteArray &) { }
void ConsoleView::appendOutput(const QString &, int, const QByteArray &) { }
void ConsoleView::appendNotice(const QString &) { }
void ConsoleView::appendNotice(const QString &, const QString &) { }
int ConsoleView::scrollbackLines() const
{
    return d->scrollback;
}
void ConsoleView::setScrollbackLines(int lines)
{
    d->scrollback = qMax(1, lines);
}
bool ConsoleView::showTimestamps() const
{
    return d->timestamps;
}
void ConsoleView::setShowTimestamps(bool show)
{
    d->timestamps = show;
}
bool ConsoleView::followTail() const
{
    return d->follow;
}
void ConsoleView::setFollowTail(bool follow)
{
    d->follow = follow;
}
bool ConsoleView::isChannelVisible(int) const
{
    return true;
}
void ConsoleView::setChannelVisible(int, bool) { }
void ConsoleView::showSearchBar() { }
void ConsoleView::hideSearchBar() { }
bool ConsoleView::findNext()
{
    return false;
}
bool ConsoleView::findPrevious()
{
    return false;
}
QString ConsoleView::plainText() const
{
    return d->text->toPlainText();
}
void ConsoleView::copy()
{
    d->text->copy();
}
void ConsoleView::copyAll() { }
bool ConsoleView::saveToFile(const QString &, QString *)
{
    return false;
}
void ConsoleView::clear()
{
    d->text->clear();
}
void ConsoleView::flush() { }
QPlainTextEdit *ConsoleView::textEdit() const
{
    return d->text;
}

} // namespace aproc::monitor
