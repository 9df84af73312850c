// SPDX-License-Identifier: MIT
#include "console/ansiparser.h"

namespace aproc::monitor {

namespace {

constexpr char16_t escapeChar = 0x1b;

bool isFinalByte(char16_t c)
{
    return c >= 0x40 && c <= 0x7e;
}

// Parameters with empty fields as 0; colon sub-parameters become parameters of their own, but
// "38:2::r:g:b" keeps its empty colour-space field so that the colour is still read right.
QList<int> sgrValues(QStringView parameters)
{
    QList<int> values;
    for (QStringView field : parameters.tokenize(u';')) {
        const auto parts = field.split(u':');
        if (parts.size() >= 6 && parts[1] == u"2") { // 38:2:colourspace:r:g:b
            values << parts[0].toInt() << 2 << parts[3].toInt() << parts[4].toInt()
                   << parts[5].toInt();
            continue;
        }
        for (QStringView part : parts)
            values << part.toInt();
    }
    if (values.isEmpty())
        values << 0;
    return values;
}

} // namespace

QList<AnsiToken> AnsiParser::feed(QByteArrayView data)
{
    QList<AnsiToken> out;
    const QString text = m_decoder.decode(data);
    for (QChar c : text)
        parseChar(c.unicode(), out);
    return out;
}

void AnsiParser::parseChar(char16_t c, QList<AnsiToken> &out)
{
    if (m_state != State::Ground && ++m_escapeLength > maximumEscapeLength)
        m_state = State::Ground; // garbage: what was read of it is dropped
    if (m_state != State::Ground && (c == 0x18 || c == 0x1a)) { // CAN, SUB: cancelled
        m_state = State::Ground;
        return;
    }
    switch (m_state) {
    case State::Ground:
        ground(c, out);
        break;
    case State::Escape:
    case State::EscapeIntermediate:
        escape(c);
        break;
    case State::Csi:
        csi(c);
        break;
    case State::String:
    case State::StringEscape:
        string(c);
        break;
    }
}

void AnsiParser::ground(char16_t c, QList<AnsiToken> &out)
{
    if (m_pendingCarriageReturn) {
        m_pendingCarriageReturn = false;
        if (c == u'\n') {
            out.append({AnsiToken::Kind::Newline, {}, {}});
            return;
        }
        out.append({AnsiToken::Kind::CarriageReturn, {}, {}});
    }
    if (c == escapeChar) {
        m_state = State::Escape;
        m_escapeLength = 0;
    } else if (c == u'\r') {
        m_pendingCarriageReturn = true;
    } else if (c == u'\n') {
        out.append({AnsiToken::Kind::Newline, {}, {}});
    } else if (c == u'\t' || (c >= 0x20 && c != 0x7f && (c < 0x80 || c > 0x9f))) {
        appendText(QChar(c), out);
    } // other C0 and C1 controls (NUL, BEL, backspace, ...) are dropped
}

void AnsiParser::appendText(QChar c, QList<AnsiToken> &out)
{
    if (out.isEmpty() || out.last().kind != AnsiToken::Kind::Text || out.last().format != m_format)
        out.append({AnsiToken::Kind::Text, {}, m_format});
    out.last().text.append(c);
}

void AnsiParser::escape(char16_t c)
{
    if (c == escapeChar) { // starts over
        m_state = State::Escape;
        return;
    }
    if (c >= 0x20 && c <= 0x2f) { // intermediate, as in "ESC ( B": wait for the final byte
        m_state = State::EscapeIntermediate;
        return;
    }
    if (c < 0x20) // a control inside an escape is ignored
        return;
    if (m_state == State::Escape && c == u'[') {
        m_state = State::Csi;
        m_csi.clear();
    } else if (m_state == State::Escape
               && (c == u']' || c == u'P' || c == u'_' || c == u'^' || c == u'X')) {
        m_state = State::String; // OSC, DCS, APC, PM, SOS: consumed up to BEL or ST
    } else {
        m_state = State::Ground; // ESC + one character (or its final byte): consumed
    }
}

void AnsiParser::csi(char16_t c)
{
    if (c == escapeChar) {
        m_state = State::Escape;
    } else if (isFinalByte(c)) {
        m_state = State::Ground;
        const bool plain = m_csi.isEmpty() || (m_csi.front() < u'<' && !m_csi.contains(u' '));
        if (c == u'm' && plain)
            applySgr(m_csi);
    } else if (c >= 0x20) {
        m_csi.append(QChar(c));
    }
}

void AnsiParser::string(char16_t c)
{
    if (c == 0x07 || (m_state == State::StringEscape && c == u'\\')) {
        m_state = State::Ground;
    } else if (c == escapeChar) {
        m_state = State::StringEscape;
    } else if (m_state == State::StringEscape) {
        // ESC + something else ends the string, as terminals do, and starts an escape
        m_state = State::Escape;
        escape(c);
    }
}

void AnsiParser::applySgr(QStringView parameters)
{
    const QList<int> values = sgrValues(parameters);
    for (qsizetype i = 0; i < values.size(); ++i) {
        const int code = values[i];
        if (code == 38)
            applySgrColor(values, i, m_format.foreground);
        else if (code == 48)
            applySgrColor(values, i, m_format.background);
        else
            applySgrCode(code);
    }
}

// values[i] is 38 or 48: reads "5;n" or "2;r;g;b" after it and leaves i on its last field.
void AnsiParser::applySgrColor(const QList<int> &values, qsizetype &i, QColor &color)
{
    if (i + 2 < values.size() && values[i + 1] == 5) {
        color = ansiColor(values[i + 2]);
        i += 2;
    } else if (i + 4 < values.size() && values[i + 1] == 2) {
        color = QColor(qBound(0, values[i + 2], 255), qBound(0, values[i + 3], 255),
                       qBound(0, values[i + 4], 255));
        i += 4;
    } else {
        i = values.size(); // malformed: the rest is ignored
    }
}

void AnsiParser::applySgrCode(int code)
{
    switch (code) {
    case 0:
        m_format = TextFormat();
        break;
    case 1:
        m_format.bold = true;
        break;
    case 2:
        m_format.faint = true;
        break;
    case 3:
        m_format.italic = true;
        break;
    case 4:
    case 21:
        m_format.underline = true;
        break;
    case 7:
        m_format.inverse = true;
        break;
    case 22:
        m_format.bold = m_format.faint = false;
        break;
    case 23:
        m_format.italic = false;
        break;
    case 24:
        m_format.underline = false;
        break;
    case 27:
        m_format.inverse = false;
        break;
    case 39:
        m_format.foreground = QColor();
        break;
    case 49:
        m_format.background = QColor();
        break;
    default:
        if (code >= 30 && code <= 37)
            m_format.foreground = ansiColor(code - 30);
        else if (code >= 40 && code <= 47)
            m_format.background = ansiColor(code - 40);
        else if (code >= 90 && code <= 97)
            m_format.foreground = ansiColor(code - 90 + 8);
        else if (code >= 100 && code <= 107)
            m_format.background = ansiColor(code - 100 + 8);
    }
}

} // namespace aproc::monitor
