// SPDX-License-Identifier: MIT
// A terminal-output parser: byte chunks in, formatted text runs and line controls out.
#pragma once

#include "console/textformat.h"
#include "console/utf8decoder.h"

#include <QtCore/QByteArrayView>
#include <QtCore/QList>
#include <QtCore/QString>

namespace aproc::monitor {

/*! \brief One piece of parsed output: text in a format, or a line control. */
struct AnsiToken
{
    /*! \brief What the token is. */
    enum class Kind {
        Text, //!< text, shown in format
        Newline, //!< "\n" or "\r\n": the line ends
        CarriageReturn, //!< a lone "\r": what follows overwrites the line
    };
    Kind kind = Kind::Text;
    QString text; //!< for Text: printable characters and tabs only
    TextFormat format; //!< for Text

    friend bool operator==(const AnsiToken &, const AnsiToken &) = default;
};

/*! \brief Parses a terminal's output stream fed in arbitrary chunks: decodes UTF-8 (a character
 *  or an escape sequence split across chunks comes out whole; invalid bytes become U+FFFD),
 *  applies SGR colours and attributes, and consumes every other escape sequence (CSI, OSC,
 *  DCS/APC/PM/SOS strings, charset selects, ESC + one character) and C0 control (but tab).
 *  An escape sequence longer than maximumEscapeLength is dropped as garbage. */
class AnsiParser
{
public:
    /*! \brief The longest escape sequence kept; a longer one is abandoned. */
    static constexpr int maximumEscapeLength = 4096;

    /*! \brief Parses \a data, the next chunk of the stream; returns what it completes. A "\r"
     *  at the end of a chunk waits for the next one (it may be half of "\r\n"). */
    QList<AnsiToken> feed(QByteArrayView data);

    /*! \brief The format SGR has set so far. */
    TextFormat currentFormat() const { return m_format; }

private:
    enum class State { Ground, Escape, EscapeIntermediate, Csi, String, StringEscape };

    void parseChar(char16_t c, QList<AnsiToken> &out);
    void ground(char16_t c, QList<AnsiToken> &out);
    void escape(char16_t c);
    void csi(char16_t c);
    void string(char16_t c);
    void appendText(QChar c, QList<AnsiToken> &out);
    void applySgr(QStringView parameters);
    void applySgrColor(const QList<int> &values, qsizetype &i, QColor &color);
    void applySgrCode(int code);

    Utf8Decoder m_decoder;
    State m_state = State::Ground;
    QString m_csi; //!< the parameters of the CSI sequence being read
    int m_escapeLength = 0;
    bool m_pendingCarriageReturn = false;
    TextFormat m_format;
};

} // namespace aproc::monitor
