// SPDX-License-Identifier: MIT
#include "console/utf8decoder.h"

namespace aproc::monitor {

namespace {

// How many bytes the sequence that \a lead starts has; 1 for ASCII and invalid lead bytes.
qsizetype sequenceLength(uchar lead)
{
    if (lead >= 0xc2 && lead <= 0xdf)
        return 2;
    if (lead >= 0xe0 && lead <= 0xef)
        return 3;
    if (lead >= 0xf0 && lead <= 0xf4)
        return 4;
    return 1;
}

// Where the incomplete sequence at the end of \a data starts; data.size() if there is none.
qsizetype incompleteTail(QByteArrayView data)
{
    const qsizetype size = data.size();
    for (qsizetype i = size - 1; i >= 0 && i >= size - 3; --i) {
        const auto byte = uchar(data[i]);
        if ((byte & 0xc0) == 0x80)
            continue; // a continuation byte: look further back for its lead
        return sequenceLength(byte) > size - i ? i : size;
    }
    return size;
}

} // namespace

QString Utf8Decoder::decode(QByteArrayView data)
{
    QByteArray bytes = m_carry + data.toByteArray();
    const qsizetype end = incompleteTail(bytes);
    m_carry = bytes.sliced(end);
    bytes.truncate(end);
    return QString::fromUtf8(bytes);
}

} // namespace aproc::monitor
