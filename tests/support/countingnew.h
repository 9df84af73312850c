// SPDX-License-Identifier: MIT
// Test support for the suites that count allocations: replaces the global operator new of the
// executable with one that counts this thread's calls. Include it in exactly one source file of
// a test executable (the replacement is the whole program's), and keep such tests apart.
#pragma once

#include <QtCore/QtGlobal>

#include <cstdlib>
#include <new>

namespace aproc::testsupport {

/*! This thread's calls of operator new so far: coroutine frames, futures and exception objects
 *  made with `new` show up here; QByteArray's buffers (malloc) do not. */
inline qint64 &operatorNewCalls()
{
    thread_local qint64 calls = 0;
    return calls;
}

} // namespace aproc::testsupport

void *operator new(std::size_t size)
{
    ++aproc::testsupport::operatorNewCalls();
    if (void *memory = std::malloc(size ? size : 1))
        return memory;
    throw std::bad_alloc();
}

void operator delete(void *memory) noexcept
{
    std::free(memory);
}

void operator delete(void *memory, std::size_t) noexcept
{
    std::free(memory);
}
