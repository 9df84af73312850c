// SPDX-License-Identifier: MIT
// TextLineReader: StreamReader lines decoded to QString, terminators stripped.
#include <aproc/errors.h>
#include <aproc/textlinereader.h>

#include <QtCore/QCoreApplication>

namespace aproc {

namespace {

// Lines are split at the byte 0x0A, which is "\n" only in an ASCII-compatible encoding.
bool splitsAtNewlineByte(QStringConverter::Encoding encoding)
{
    switch (encoding) {
    case QStringConverter::Utf8:
    case QStringConverter::Latin1:
    case QStringConverter::System:
        return true;
    default:
        return false;
    }
}

StreamReader *checkedReader(StreamReader *reader)
{
    if (!reader)
        throw ValueError(QCoreApplication::translate(
                "aproc", "TextLineReader: the reader is null (is the process's stream piped?)"));
    return reader;
}

QStringConverter::Encoding checkedEncoding(QStringConverter::Encoding encoding)
{
    if (!splitsAtNewlineByte(encoding)) {
        const char *name = QStringConverter::nameForEncoding(encoding);
        throw ValueError(
                QCoreApplication::translate("aproc", "TextLineReader: the encoding %1 cannot be "
                                                     "split into lines at the byte \"\\n\"")
                        .arg(name ? QString::fromLatin1(name) : QString::number(int(encoding))));
    }
    return encoding;
}

} // namespace

TextLineReader::TextLineReader(StreamReader *reader, QStringConverter::Encoding encoding,
                               LineOverflow overflow)
    : m_reader(checkedReader(reader)), m_encoding(checkedEncoding(encoding)), m_overflow(overflow),
      m_decoder(encoding)
{ }

std::optional<QString> TextLineReader::decodeLine(BoundedLine line)
{
    m_continues = line.continues;
    m_droppedBytes = line.droppedBytes;
    m_totalDroppedBytes += line.droppedBytes;
    if (line.bytes.isEmpty()) // EOF: a piece is always followed by a non-empty one
        return std::nullopt;
    const bool newline = line.bytes.endsWith('\n');
    // A "\n" of our own ends the last line: a character it cuts short becomes U+FFFD instead of
    // waiting in the decoder for bytes that never come.
    if (!newline && !line.continues)
        line.bytes.append('\n');
    QString text = m_decoder.decode(line.bytes);
    if (line.continues) // a piece ends where no "\n" follows: a "\r" there is the line's own
        return text;
    text.chop(1); // the "\n"
    if (newline && text.endsWith(u'\r'))
        text.chop(1);
    return text;
}

} // namespace aproc
