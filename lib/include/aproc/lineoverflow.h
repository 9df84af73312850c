// SPDX-License-Identifier: MIT
#pragma once

#include <QtCore/QByteArray>

namespace aproc {

/*! \brief What StreamReader::readline(LineOverflow) does with a line longer than limit() bytes
 *  before its "\n" (asyncio has only Throw). */
enum class LineOverflow : quint8 {
    Throw, //!< readline()'s ValueError; the long line is dropped.
    Split, //!< The line comes in pieces of limit() bytes as they arrive; the last has the "\n".
    Truncate, //!< The first limit() bytes and the "\n"; the rest is dropped and counted.
};

/*! \brief A line, or a piece of one, read by StreamReader::readline(LineOverflow). */
struct BoundedLine
{
    /*! \brief The bytes, "\n" included when the line (or its last piece) had one; empty at EOF.
     */
    QByteArray bytes;
    /*! \brief LineOverflow::Truncate: how many bytes of the line were dropped after bytes (its
     *  "\n" not counted); else 0. */
    qsizetype droppedBytes = 0;
    /*! \brief LineOverflow::Split: true when bytes is a piece of a longer line whose next piece
     *  the next read gives. */
    bool continues = false;
    /*! \brief True when Truncate dropped part of the line. */
    bool isTruncated() const noexcept { return droppedBytes > 0; }
};

} // namespace aproc
