// SPDX-License-Identifier: MIT
// UTF-8 decoding of a byte stream that arrives in chunks.
#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QByteArrayView>
#include <QtCore/QString>

namespace aproc::monitor {

/*! \brief Decodes UTF-8 fed in arbitrary chunks: a character split across two chunks comes out
 *  whole, invalid bytes become U+FFFD. Unlike a stateful QStringDecoder (Qt 6.4), a sequence
 *  cut short by an ASCII byte never swallows that byte (an ESC there would show its escape
 *  sequence as text). */
class Utf8Decoder
{
public:
    /*! \brief The text of \a data; an incomplete sequence at its end waits for the next chunk. */
    QString decode(QByteArrayView data);

private:
    QByteArray m_carry; //!< the start of a character cut by the end of the last chunk
};

} // namespace aproc::monitor
