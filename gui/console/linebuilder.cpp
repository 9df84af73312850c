// SPDX-License-Identifier: MIT
#include "console/linebuilder.h"

namespace aproc::monitor {

LineBuilder::LineBuilder(int channel, const QString &source, int maximumLength)
    : m_maximumLength(qMax(1, maximumLength))
{
    m_line.channel = channel;
    m_line.source = source;
}

QList<ConsoleLine> LineBuilder::add(const QList<AnsiToken> &tokens, const QDateTime &time)
{
    QList<ConsoleLine> completed;
    for (const AnsiToken &token : tokens) {
        switch (token.kind) {
        case AnsiToken::Kind::Text:
            addText(token.text, token.format, time, completed);
            break;
        case AnsiToken::Kind::Newline:
            if (!m_started)
                m_line.time = time;
            finishLine(completed);
            break;
        case AnsiToken::Kind::CarriageReturn:
            m_overwrite = true;
            break;
        }
    }
    return completed;
}

void LineBuilder::addText(const QString &text, const TextFormat &format, const QDateTime &time,
                          QList<ConsoleLine> &completed)
{
    if (m_overwrite) {
        m_overwrite = false;
        m_line.text.clear();
        m_line.runs.clear();
    }
    if (!m_started) {
        m_started = true;
        m_line.time = time;
    }
    QStringView rest(text);
    while (!rest.isEmpty()) {
        const qsizetype room = m_maximumLength - m_line.text.size();
        appendRun(rest.first(qMin(room, rest.size())), format);
        rest = rest.sliced(qMin(room, rest.size()));
        if (m_line.text.size() >= m_maximumLength) {
            finishLine(completed);
            m_started = true; // the wrapped rest arrived at the same time
        }
    }
}

void LineBuilder::appendRun(QStringView text, const TextFormat &format)
{
    if (!format.isDefault()) {
        if (!m_line.runs.isEmpty() && m_line.runs.last().format == format
            && m_line.runs.last().start + m_line.runs.last().length == m_line.text.size())
            m_line.runs.last().length += int(text.size());
        else
            m_line.runs.append({int(m_line.text.size()), int(text.size()), format});
    }
    m_line.text.append(text);
}

void LineBuilder::finishLine(QList<ConsoleLine> &completed)
{
    completed.append(m_line);
    m_line.text.clear();
    m_line.runs.clear();
    m_started = false;
    m_overwrite = false;
}

} // namespace aproc::monitor
