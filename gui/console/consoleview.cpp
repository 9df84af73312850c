// SPDX-License-Identifier: MIT
#include "console/consoleview.h"

#include "console/ansiparser.h"
#include "console/consoledocument.h"
#include "console/consolesearchbar.h"
#include "console/linebuilder.h"
#include "console/scrollback.h"
#include "console/tailfollower.h"
#include "console/textsearch.h"

#include <QtCore/QFile>
#include <QtCore/QSaveFile>
#include <QtCore/QTimer>
#include <QtGui/QClipboard>
#include <QtGui/QFontDatabase>
#include <QtGui/QGuiApplication>
#include <QtGui/QShortcut>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QPlainTextEdit>
#include <QtWidgets/QScrollBar>
#include <QtWidgets/QVBoxLayout>

#include <deque>
#include <map>
#include <memory>
#include <utility>

using namespace Qt::StringLiterals;

namespace aproc::monitor {

namespace {

constexpr int flushIntervalMs = 40;

// One channel of one source: its parser state and the line it is receiving.
struct OutputStream
{
    OutputStream(int channel, const QString &source)
        : lines(channel, source, ConsoleView::maximumLineLength)
    { }
    AnsiParser parser;
    LineBuilder lines;
};

} // namespace

class ConsoleViewPrivate
{
public:
    explicit ConsoleViewPrivate(ConsoleView *view);

    void append(const QString &source, int channel, const QByteArray &data);
    void finish(const QString &source);
    void enqueue(ConsoleLine line);
    void scheduleFlush();
    void flush();
    void syncDocument();
    void render(const ConsoleLine &line);
    void rerender();
    QList<ConsoleLine> partialLines() const;
    bool isVisible(const ConsoleLine &line) const;
    bool find(QTextDocument::FindFlags flags);
    bool checkExpression(const QRegularExpression &expression);
    void updateMatchCount();

    ConsoleView *q;
    QPlainTextEdit *text = nullptr;
    ConsoleSearchBar *searchBar = nullptr;
    std::unique_ptr<ConsoleDocument> document;
    Scrollback scrollback{ConsoleView::defaultScrollbackLines};
    std::map<std::pair<QString, int>, std::unique_ptr<OutputStream>> streams;
    std::deque<ConsoleLine> pending;
    int droppedLines = 0; //!< dropped from pending since the last flush
    QTimer flushTimer;
    TailFollower *follower = nullptr;
    bool stdoutVisible = true;
    bool stderrVisible = true;
    bool documentStale = false; //!< the scrollback holds lines the hidden view has not rendered
    bool outputSinceFlush = false; //!< output arrived (maybe only a half line) since the last flush
};

ConsoleViewPrivate::ConsoleViewPrivate(ConsoleView *view) : q(view)
{
    text = new QPlainTextEdit(view);
    text->setObjectName(u"consoleText"_s);
    text->setReadOnly(true);
    text->setUndoRedoEnabled(false);
    text->setLineWrapMode(QPlainTextEdit::NoWrap);
    text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    document = std::make_unique<ConsoleDocument>(text);
    document->setMaximumLines(scrollback.maximumLines());
    follower = new TailFollower(text->verticalScrollBar(), view);
    searchBar = new ConsoleSearchBar(view);
    searchBar->setObjectName(u"searchBar"_s);
    searchBar->hide();
    flushTimer.setSingleShot(true);
    flushTimer.setInterval(flushIntervalMs);
}

void ConsoleViewPrivate::append(const QString &source, int channel, const QByteArray &data)
{
    auto &stream = streams[{source, channel}];
    if (!stream)
        stream = std::make_unique<OutputStream>(channel, source);
    const QDateTime now = QDateTime::currentDateTime();
    for (ConsoleLine &line : stream->lines.add(stream->parser.feed(data), now))
        enqueue(std::move(line));
    outputSinceFlush = true;
    scheduleFlush();
}

void ConsoleViewPrivate::finish(const QString &source)
{
    for (auto it = streams.begin(); it != streams.end();) {
        if (it->first.first != source) {
            ++it;
            continue;
        }
        const ConsoleLine &partial = it->second->lines.partialLine();
        if (!partial.text.isEmpty())
            enqueue(partial);
        it = streams.erase(it);
    }
    outputSinceFlush = true;
    scheduleFlush();
}

void ConsoleViewPrivate::enqueue(ConsoleLine line)
{
    pending.push_back(std::move(line));
    // one line is left for the notice that says how many were dropped
    while (pending.size() > size_t(qMax(1, scrollback.maximumLines() - 1))) {
        pending.pop_front();
        ++droppedLines;
    }
}

void ConsoleViewPrivate::scheduleFlush()
{
    if (!flushTimer.isActive())
        flushTimer.start();
}

// The pending lines go into the scrollback, and into the document while the view is shown. A
// hidden view (a process's console behind another, the merged view's tab not chosen) renders
// nothing: with a hundred consoles, the text layout of the ones nobody sees would take the
// whole loop. It renders its scrollback once it is shown or its text is asked for.
void ConsoleViewPrivate::flush()
{
    flushTimer.stop();
    if (droppedLines > 0) {
        ConsoleLine notice;
        notice.kind = ConsoleLine::Kind::Notice;
        notice.time = QDateTime::currentDateTime();
        notice.text = ConsoleView::tr("… %1 lines dropped").arg(droppedLines);
        droppedLines = 0;
        pending.push_front(std::move(notice));
    }
    const bool changed = std::exchange(outputSinceFlush, false) || !pending.empty();
    if (!q->isVisible() || documentStale) {
        documentStale = documentStale || changed;
        for (ConsoleLine &line : pending)
            scrollback.append(std::move(line));
        pending.clear();
        return;
    }
    follower->beginUpdate();
    QTextCursor editBlock(text->document());
    editBlock.beginEditBlock();
    document->removePartialLines();
    for (ConsoleLine &line : pending) {
        render(line);
        scrollback.append(std::move(line));
    }
    pending.clear();
    document->appendPartialLines(partialLines());
    editBlock.endEditBlock();
    follower->endUpdate();
}

// What the document shows is what the scrollback holds: flushed, and rendered again if the
// view was hidden meanwhile.
void ConsoleViewPrivate::syncDocument()
{
    flush();
    if (documentStale)
        rerender();
}

void ConsoleViewPrivate::render(const ConsoleLine &line)
{
    if (isVisible(line))
        document->appendLine(line);
}

bool ConsoleViewPrivate::isVisible(const ConsoleLine &line) const
{
    if (line.kind == ConsoleLine::Kind::Notice)
        return true;
    return line.channel == 2 ? stderrVisible : stdoutVisible;
}

QList<ConsoleLine> ConsoleViewPrivate::partialLines() const
{
    QList<ConsoleLine> lines;
    for (const auto &entry : streams) {
        const ConsoleLine &line = entry.second->lines.partialLine();
        if (!line.text.isEmpty() && isVisible(line))
            lines.append(line);
    }
    return lines;
}

void ConsoleViewPrivate::rerender()
{
    flush();
    documentStale = false;
    follower->beginUpdate();
    QTextCursor editBlock(text->document());
    editBlock.beginEditBlock();
    document->clear();
    for (const ConsoleLine &line : scrollback.lines())
        render(line);
    document->appendPartialLines(partialLines());
    editBlock.endEditBlock();
    follower->endUpdate();
}

bool ConsoleViewPrivate::find(QTextDocument::FindFlags flags)
{
    syncDocument();
    const QRegularExpression expression = searchBar->expression();
    if (!checkExpression(expression))
        return false;
    const bool found = TextSearch::find(text, expression, flags);
    if (found)
        follower->setFollowing(false); // the match stays in view
    updateMatchCount();
    return found;
}

bool ConsoleViewPrivate::checkExpression(const QRegularExpression &expression)
{
    if (expression.pattern().isEmpty()) {
        searchBar->setStatus(QString());
        return false;
    }
    if (!expression.isValid()) {
        searchBar->setStatus(
                ConsoleView::tr("Invalid expression: %1").arg(expression.errorString()));
        return false;
    }
    return true;
}

void ConsoleViewPrivate::updateMatchCount()
{
    const QRegularExpression expression = searchBar->expression();
    if (!checkExpression(expression))
        return;
    syncDocument();
    const int count = TextSearch::countMatches(text->document(), expression);
    searchBar->setStatus(ConsoleView::tr("%1 matches").arg(count));
}

ConsoleView::ConsoleView(QWidget *parent)
    : QWidget(parent), d(std::make_unique<ConsoleViewPrivate>(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(d->text);
    layout->addWidget(d->searchBar);

    connect(&d->flushTimer, &QTimer::timeout, this, [this] { d->flush(); });
    connect(d->follower, &TailFollower::followingChanged, this, &ConsoleView::followTailChanged);
    connect(d->searchBar, &ConsoleSearchBar::nextRequested, this, &ConsoleView::findNext);
    connect(d->searchBar, &ConsoleSearchBar::previousRequested, this, &ConsoleView::findPrevious);
    connect(d->searchBar, &ConsoleSearchBar::closeRequested, this, &ConsoleView::hideSearchBar);
    connect(d->searchBar, &ConsoleSearchBar::expressionChanged, this,
            [this] { d->updateMatchCount(); });
    auto *findShortcut = new QShortcut(QKeySequence::Find, this);
    findShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(findShortcut, &QShortcut::activated, this, &ConsoleView::showSearchBar);
}

ConsoleView::~ConsoleView()
{
    // the follower watches the text's scroll bar and signals this view: it goes first, before
    // the children are torn down
    delete d->follower;
}

void ConsoleView::appendOutput(int channel, const QByteArray &data)
{
    d->append(QString(), channel, data);
}

void ConsoleView::appendOutput(const QString &source, int channel, const QByteArray &data)
{
    d->append(source, channel, data);
}

void ConsoleView::appendNotice(const QString &text)
{
    appendNotice(QString(), text);
}

void ConsoleView::appendNotice(const QString &source, const QString &text)
{
    ConsoleLine line;
    line.kind = ConsoleLine::Kind::Notice;
    line.source = source;
    line.time = QDateTime::currentDateTime();
    line.text = text.left(maximumLineLength);
    line.text.replace(u'\n', u' ').replace(u'\r', u' '); // one line, always
    d->enqueue(std::move(line));
    d->scheduleFlush();
}

void ConsoleView::finishOutput(const QString &source)
{
    d->finish(source);
}

int ConsoleView::scrollbackLines() const
{
    return d->scrollback.maximumLines();
}

void ConsoleView::setScrollbackLines(int lines)
{
    d->flush();
    d->scrollback.setMaximumLines(lines);
    d->document->setMaximumLines(d->scrollback.maximumLines());
}

bool ConsoleView::showTimestamps() const
{
    return d->document->renderer().showTimestamps;
}

void ConsoleView::setShowTimestamps(bool show)
{
    if (show == showTimestamps())
        return;
    d->document->renderer().showTimestamps = show;
    d->rerender();
}

bool ConsoleView::followTail() const
{
    return d->follower->isFollowing();
}

void ConsoleView::setFollowTail(bool follow)
{
    d->follower->setFollowing(follow);
}

bool ConsoleView::isChannelVisible(int channel) const
{
    return channel == 2 ? d->stderrVisible : d->stdoutVisible;
}

void ConsoleView::setChannelVisible(int channel, bool visible)
{
    if (visible == isChannelVisible(channel))
        return;
    (channel == 2 ? d->stderrVisible : d->stdoutVisible) = visible;
    d->rerender();
}

void ConsoleView::showSearchBar()
{
    d->searchBar->show();
    d->searchBar->edit()->setFocus();
    d->searchBar->edit()->selectAll();
}

void ConsoleView::hideSearchBar()
{
    d->searchBar->hide();
    d->text->setFocus();
}

bool ConsoleView::findNext()
{
    return d->find({});
}

bool ConsoleView::findPrevious()
{
    return d->find(QTextDocument::FindBackward);
}

QString ConsoleView::plainText() const
{
    d->syncDocument();
    return d->text->document()->toPlainText();
}

void ConsoleView::copy()
{
    d->syncDocument();
    d->text->copy();
}

void ConsoleView::copyAll()
{
    QGuiApplication::clipboard()->setText(plainText());
}

bool ConsoleView::saveToFile(const QString &path, QString *error)
{
    QSaveFile file(path);
    QString text = plainText();
    if (!text.isEmpty())
        text.append(u'\n');
    if (!file.open(QIODevice::WriteOnly) || file.write(text.toUtf8()) < 0 || !file.commit()) {
        if (error)
            *error = tr("Cannot save the console to %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

void ConsoleView::clear()
{
    d->pending.clear();
    d->droppedLines = 0;
    d->scrollback.clear();
    d->document->clear();
    d->flush();
}

void ConsoleView::flush()
{
    d->flush();
}

QPlainTextEdit *ConsoleView::textEdit() const
{
    d->syncDocument();
    return d->text;
}

void ConsoleView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    d->syncDocument();
}

} // namespace aproc::monitor
