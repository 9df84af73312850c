// SPDX-License-Identifier: MIT
#include "console/linerenderer.h"

#include <array>

using namespace Qt::StringLiterals;

namespace aproc::monitor {

QString LineRenderer::timePrefix(const ConsoleLine &line) const
{
    return showTimestamps ? line.time.toString(u"hh:mm:ss.zzz "_s) : QString();
}

QString LineRenderer::sourcePrefix(const ConsoleLine &line)
{
    return line.source.isEmpty() ? QString() : u'[' + line.source + u"] "_s;
}

QString LineRenderer::plainText(const ConsoleLine &line) const
{
    return timePrefix(line) + sourcePrefix(line) + line.text;
}

QColor LineRenderer::lineForeground(const ConsoleLine &line) const
{
    if (line.kind == ConsoleLine::Kind::Notice)
        return noticeColor();
    return line.channel == 2 ? stderrColor() : foreground;
}

void LineRenderer::insert(QTextCursor &cursor, const ConsoleLine &line) const
{
    QTextCharFormat plain;
    plain.setForeground(lineForeground(line));
    if (line.kind == ConsoleLine::Kind::Notice)
        plain.setFontItalic(true);
    if (showTimestamps) {
        QTextCharFormat timeFormat;
        timeFormat.setForeground(noticeColor());
        cursor.insertText(timePrefix(line), timeFormat);
    }
    if (!line.source.isEmpty()) {
        QTextCharFormat sourceFormat;
        sourceFormat.setForeground(sourceColor(line.source));
        sourceFormat.setFontWeight(QFont::Bold);
        cursor.insertText(sourcePrefix(line), sourceFormat);
    }
    int position = 0;
    for (const FormatRun &run : line.runs) {
        if (run.start > position)
            cursor.insertText(line.text.mid(position, run.start - position), plain);
        QTextCharFormat format = run.format.toCharFormat(plain.foreground().color(), background);
        if (line.kind == ConsoleLine::Kind::Notice)
            format.setFontItalic(true);
        cursor.insertText(line.text.mid(run.start, run.length), format);
        position = run.start + run.length;
    }
    if (position < line.text.size())
        cursor.insertText(line.text.mid(position), plain);
}

QColor LineRenderer::sourceColor(const QString &source)
{
    static constexpr std::array<QRgb, 8> colors = {
            0x1f77b4, 0xd62728, 0x2ca02c, 0x9467bd, 0xff7f0e, 0x17becf, 0x8c564b, 0xe377c2,
    };
    quint32 hash = 2166136261u; // FNV-1a: stable across runs, unlike a seeded qHash
    for (QChar c : source)
        hash = (hash ^ c.unicode()) * 16777619u;
    return QColor::fromRgb(colors[hash % colors.size()]);
}

QColor LineRenderer::stderrColor()
{
    return QColor(0xb0, 0x1c, 0x1c);
}

QColor LineRenderer::noticeColor()
{
    return QColor(0x80, 0x80, 0x80);
}

} // namespace aproc::monitor
