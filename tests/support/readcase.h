// SPDX-License-Identifier: MIT
// Test support for the StreamReader suites (tst_streamreader, tst_streamreader_allocations): a
// read described as a table row, and starting it.
#pragma once

#include <aproc/streamreader.h>

#include <QtCore/QByteArray>
#include <QtCore/QByteArrayList>
#include <QtCore/QMetaType>

namespace aproc::testsupport {

/*! One read of a table row: how the reader is made and fed, and which read is awaited. */
struct ReadCase
{
    QByteArray call = {}; // read, readline, readuntil or readexactly
    qsizetype size = 0; // n of read() and readexactly()
    QByteArray separator = {}; // readuntil()
    bool defaultSeparator = false; // readuntil() without an argument
    qsizetype limit = StreamReader::DefaultLimit;
    QByteArrayList before = {}; // fed before the read starts
    bool eofBefore = false;
    QByteArrayList later = {}; // fed from the loop once the read runs
    bool oneByOne = false; // one chunk per loop callback, else all in one
    bool eofLater = false;
};

/*! The read \a readCase asks for, not yet awaited. */
inline detail::ReadAwaitable startRead(StreamReader &reader, const ReadCase &readCase)
{
    if (readCase.call == "read")
        return reader.read(readCase.size);
    if (readCase.call == "readline")
        return reader.readline();
    if (readCase.call == "readexactly")
        return reader.readexactly(readCase.size);
    Q_ASSERT(readCase.call == "readuntil");
    return readCase.defaultSeparator ? reader.readuntil() : reader.readuntil(readCase.separator);
}

} // namespace aproc::testsupport

Q_DECLARE_METATYPE(aproc::testsupport::ReadCase)
