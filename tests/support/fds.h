// SPDX-License-Identifier: MIT
// Test support for the suites that check file descriptors: the open-fd counter and a real pipe.
#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QByteArrayView>
#include <QtCore/QtGlobal>

#include <cstdlib>
#include <utility>

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

namespace aproc::testsupport {

/*! How many fds this process has open (/proc/self/fd), the one that lists them not counted. */
inline int openFdCount()
{
    DIR *dir = ::opendir("/proc/self/fd");
    if (!dir)
        qFatal("opendir(/proc/self/fd) failed");
    const int own = ::dirfd(dir);
    int count = 0;
    while (const dirent *entry = ::readdir(dir)) {
        if (entry->d_name[0] != '.' && std::atoi(entry->d_name) != own)
            ++count;
    }
    ::closedir(dir);
    return count;
}

/*! A real pipe (close-on-exec) that closes the ends it still owns when it goes; a test hands an
 *  end to a transport or a child with takeRead()/takeWrite() and keeps the other. */
class TestPipe
{
public:
    enum Mode { Blocking, NonBlocking };

    /*! Both ends blocking, or both non-blocking (O_NONBLOCK). */
    explicit TestPipe(Mode mode = Blocking)
    {
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC | (mode == NonBlocking ? O_NONBLOCK : 0)) != 0)
            qFatal("pipe2 failed");
        m_readEnd = fds[0];
        m_writeEnd = fds[1];
    }
    TestPipe(const TestPipe &) = delete;
    TestPipe &operator=(const TestPipe &) = delete;
    ~TestPipe()
    {
        closeRead();
        closeWrite();
    }

    /*! The read end, or -1 once taken or closed. */
    int readEnd() const { return m_readEnd; }
    /*! The write end, or -1 once taken or closed. */
    int writeEnd() const { return m_writeEnd; }
    /*! Gives up the read end: the caller (a transport, a child's file actions) closes it. */
    int takeRead() { return std::exchange(m_readEnd, -1); }
    /*! Gives up the write end: the caller closes it. */
    int takeWrite() { return std::exchange(m_writeEnd, -1); }
    /*! Closes the read end now (the writer then gets EPIPE). */
    void closeRead() { closeEnd(m_readEnd); }
    /*! Closes the write end now (the reader then sees EOF). */
    void closeWrite() { closeEnd(m_writeEnd); }

    /*! Writes all of \a data to the write end in one write(); false if less went in. */
    bool write(QByteArrayView data) const
    {
        return ::write(m_writeEnd, data.data(), size_t(data.size())) == data.size();
    }
    /*! Reads until read() returns nothing more: EOF, or an empty pipe if NonBlocking. */
    QByteArray readAll() const
    {
        QByteArray data;
        char buffer[4096];
        for (ssize_t n; (n = ::read(m_readEnd, buffer, sizeof buffer)) > 0;)
            data.append(buffer, n);
        return data;
    }
    /*! One page: a write of more than 4096 bytes is partial, so tests know what is buffered.
     *  Returns the new capacity (fcntl's F_SETPIPE_SZ), or -1. */
    int makeSmall() const { return ::fcntl(m_writeEnd, F_SETPIPE_SZ, 4096); }
    /*! Makes the write end non-blocking and fills the pipe until it takes nothing more; returns
     *  how much went in. */
    qsizetype fill() const
    {
        ::fcntl(m_writeEnd, F_SETFL, ::fcntl(m_writeEnd, F_GETFL) | O_NONBLOCK);
        const QByteArray block(4096, 'f');
        qsizetype total = 0;
        for (ssize_t n; (n = ::write(m_writeEnd, block.constData(), size_t(block.size()))) > 0;)
            total += n;
        return total;
    }
    /*! One page, and full: whatever a transport writes next is buffered. */
    void makeSmallAndFull() const
    {
        if (makeSmall() != 4096)
            qFatal("F_SETPIPE_SZ failed");
        fill();
    }

private:
    static void closeEnd(int &fd)
    {
        if (fd >= 0)
            ::close(std::exchange(fd, -1));
    }

    int m_readEnd = -1;
    int m_writeEnd = -1;
};

} // namespace aproc::testsupport
