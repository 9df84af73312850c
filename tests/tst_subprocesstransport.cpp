// SPDX-License-Identifier: MIT
// The low level: EventLoop::subprocessExec/subprocessShell, SubprocessTransport and the
// SubprocessProtocol callbacks (asyncio's base_subprocess), against real children. CONFORMANCE
// PT, PC-02 (low level), PC-04, SG-05, D5, PF-02, ST-18. The child is tests/helpers
// (APROC_TEST_HELPER), or /bin/sh. Nothing here sleeps to wait: every wait is on a Future set
// from a protocol callback, under waitFor().
#include <aproc/aproc.h>
#include <aproc/errors.h>
#include <aproc/process.h>
#include <aproc/protocols.h>
#include <aproc/streamreader.h>
#include <aproc/streamwriter.h>
#include <aproc/testing.h>
#include <aproc/transports.h>
#include <aproc/waitfor.h>

#include <QtCore/QRegularExpression>
#include <QtTest/QtTest>

#include "support/children.h"

#include <csignal>
#include <fcntl.h>
#include <functional>
#include <memory>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

using namespace aproc;
using namespace aproc::testsupport;
using namespace std::chrono_literals;

namespace {

struct ProtocolEvent
{
    enum Kind { Made, Data, PipeLost, Exited, Lost };
    Kind kind;
    int fd = -1;
    QByteArray data;
    bool error = false;
    std::optional<int> returncode; // Exited: getReturncode() inside processExited()
};

ProtocolEvent makeEvent(ProtocolEvent::Kind kind, int fd = -1, const QByteArray &data = {},
                        bool error = false)
{
    ProtocolEvent event{kind, fd, data, error, std::nullopt};
    return event;
}

QString describe(const ProtocolEvent &event)
{
    switch (event.kind) {
    case ProtocolEvent::Made:
        return QStringLiteral("connectionMade");
    case ProtocolEvent::Data:
        return QStringLiteral("pipeDataReceived(%1, %2)")
                .arg(event.fd)
                .arg(QString::fromLatin1(event.data.left(20)));
    case ProtocolEvent::PipeLost:
        return QStringLiteral("pipeConnectionLost(%1, %2)")
                .arg(event.fd)
                .arg(event.error ? QStringLiteral("error") : QStringLiteral("null"));
    case ProtocolEvent::Exited:
        return QStringLiteral("processExited(rc=%1)")
                .arg(event.returncode ? QString::number(*event.returncode)
                                      : QStringLiteral("none"));
    case ProtocolEvent::Lost:
        return QStringLiteral("connectionLost(%1)")
                .arg(event.error ? QStringLiteral("error") : QStringLiteral("null"));
    }
    return {};
}

// A real SubprocessProtocol that records every callback, with its arguments, in order.
class Recorder : public SubprocessProtocol
{
public:
    std::vector<ProtocolEvent> events;
    SubprocessTransport *transport = nullptr;
    QByteArray output[3];
    Future<void> made;
    Future<void> exited;
    Future<void> lost;
    std::function<void(int)> onPipeLost;
    // fd, text, future: set once output[fd] contains text
    std::vector<std::tuple<int, QByteArray, Future<void>>> textWaiters;

    Future<void> waitForText(int fd, const QByteArray &text)
    {
        Future<void> future;
        if (output[fd].contains(text))
            future.setResult();
        else
            textWaiters.emplace_back(fd, text, future);
        return future;
    }

    void connectionMade(BaseTransport *t) override
    {
        events.push_back(makeEvent(ProtocolEvent::Made));
        transport = dynamic_cast<SubprocessTransport *>(t);
        if (!made.done())
            made.setResult();
    }
    void pipeDataReceived(int fd, const QByteArray &data) override
    {
        events.push_back(makeEvent(ProtocolEvent::Data, fd, data));
        if (fd >= 0 && fd < 3)
            output[fd] += data;
        for (auto &[waitFd, text, future] : textWaiters) {
            if (waitFd == fd && !future.done() && output[fd].contains(text))
                future.setResult();
        }
    }
    void pipeConnectionLost(int fd, std::exception_ptr error) override
    {
        events.push_back(makeEvent(ProtocolEvent::PipeLost, fd, {}, bool(error)));
        if (onPipeLost)
            onPipeLost(fd);
    }
    void processExited() override
    {
        ProtocolEvent event = makeEvent(ProtocolEvent::Exited);
        event.returncode = transport ? transport->getReturncode() : std::nullopt;
        events.push_back(event);
        if (!exited.done())
            exited.setResult();
    }
    void connectionLost(std::exception_ptr error) override
    {
        events.push_back(makeEvent(ProtocolEvent::Lost, -1, {}, bool(error)));
        if (!lost.done())
            lost.setResult();
    }

    // Empty when the recorded callbacks are in asyncio's order for the piped fds \a fds.
    QString orderProblem(const QList<int> &fds) const
    {
        QString all;
        for (const ProtocolEvent &event : events)
            all += describe(event) + QLatin1String("; ");
        const auto fail = [&all](const QString &why) { return why + QLatin1String(" in: ") + all; };
        if (events.empty() || events.front().kind != ProtocolEvent::Made)
            return fail(QStringLiteral("connectionMade is not first"));
        if (events.back().kind != ProtocolEvent::Lost || events.back().error)
            return fail(QStringLiteral("connectionLost(null) is not last"));
        int made = 0, exits = 0, lostCount = 0;
        int pipeLost[3] = {0, 0, 0};
        for (const ProtocolEvent &event : events) {
            switch (event.kind) {
            case ProtocolEvent::Made:
                ++made;
                break;
            case ProtocolEvent::Exited:
                ++exits;
                break;
            case ProtocolEvent::Lost:
                ++lostCount;
                break;
            case ProtocolEvent::PipeLost:
                if (event.fd < 0 || event.fd > 2 || event.error)
                    return fail(QStringLiteral("bad pipeConnectionLost"));
                ++pipeLost[event.fd];
                break;
            case ProtocolEvent::Data:
                if (event.fd != 1 && event.fd != 2)
                    return fail(QStringLiteral("data on a bad fd"));
                if (pipeLost[event.fd])
                    return fail(QStringLiteral("data after its pipeConnectionLost"));
                break;
            }
        }
        if (made != 1 || exits != 1 || lostCount != 1)
            return fail(QStringLiteral("made/exited/lost not exactly once"));
        for (int fd = 0; fd < 3; ++fd) {
            if (pipeLost[fd] != (fds.contains(fd) ? 1 : 0))
                return fail(QStringLiteral("pipeConnectionLost(%1) count %2")
                                    .arg(fd)
                                    .arg(pipeLost[fd]));
        }
        return {};
    }

    int count(ProtocolEvent::Kind kind, int fd = -1) const
    {
        int n = 0;
        for (const ProtocolEvent &event : events)
            n += event.kind == kind && (fd < 0 || event.fd == fd);
        return n;
    }
};

std::shared_ptr<Recorder> makeRecorder()
{
    return std::make_shared<Recorder>();
}

ProcessOptions withModes(Stdio in, Stdio out, Stdio err)
{
    ProcessOptions options;
    options.stdinMode = in;
    options.stdoutMode = out;
    options.stderrMode = err;
    return options;
}

} // namespace

class tst_SubprocessTransport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { QTRY_VERIFY(noZombie()); }

    void defaultsArePipes();
    void connectionMadeBeforeCompletion();
    void callbackOrder();
    void earlyEventsReplayed();
    void returncodeInProcessExited();
    void pipeTransportNull_data();
    void pipeTransportNull();
    void nothingPipedExit();
    void closeKillsRunningChild();
    void catInOrder();
    void shellEcho();
    void signals_data();
    void signals();
    void outErr();
    void closeStdoutSigpipe();
    void signalsAfterExit();
    void reapedBySomeoneElse();
    void pauseAndResumeWithSmallLimit_data();
    void pauseAndResumeWithSmallLimit();
    void readlineOverLimit();
};

// PC-02 (low level): subprocessExec and subprocessShell pipe all three streams by default.
void tst_SubprocessTransport::defaultsArePipes()
{
    APROC_RUN(([]() -> Task<void> {
        EventLoop *loop = EventLoop::current();
        for (int shell = 0; shell < 2; ++shell) {
            std::shared_ptr<SubprocessTransport> transport;
            std::shared_ptr<Recorder> protocol;
            if (shell) {
                auto result
                        = co_await loop->subprocessShell(makeRecorder, QStringLiteral("exit 0"));
                std::tie(transport, protocol) = std::move(result);
            } else {
                auto result = co_await loop->subprocessExec(
                        makeRecorder, helper(), args(QStringLiteral("exit"), QStringLiteral("0")));
                std::tie(transport, protocol) = std::move(result);
            }
            APROC_VERIFY(dynamic_cast<WriteTransport *>(transport->getPipeTransport(0)));
            APROC_VERIFY(dynamic_cast<ReadTransport *>(transport->getPipeTransport(1)));
            APROC_VERIFY(dynamic_cast<ReadTransport *>(transport->getPipeTransport(2)));
            APROC_VERIFY(!dynamic_cast<ReadTransport *>(transport->getPipeTransport(0)));
            APROC_VERIFY(!dynamic_cast<WriteTransport *>(transport->getPipeTransport(1)));
            co_await waitFor(protocol->lost, 10s);
            APROC_COMPARE(transport->getReturncode(), std::optional<int>(0));
            APROC_COMPARE(protocol->orderProblem(QList<int>() << 0 << 1 << 2), QString());
        }
    }()));
}

// PC-04: connectionMade() has run when subprocessExec() completes.
void tst_SubprocessTransport::connectionMadeBeforeCompletion()
{
    APROC_RUN(([]() -> Task<void> {
        auto [transport, protocol] = co_await EventLoop::current()->subprocessExec(
                makeRecorder, helper(), args(QStringLiteral("cat")));
        APROC_VERIFY(protocol->made.done());
        APROC_COMPARE(protocol->count(ProtocolEvent::Made), 1);
        APROC_VERIFY(protocol->events.front().kind == ProtocolEvent::Made);
        APROC_COMPARE(protocol->transport, transport.get());
        transport->getPipeTransport(0)->close();
        co_await waitFor(protocol->lost, 10s);
        APROC_COMPARE(transport->getReturncode(), std::optional<int>(0));
    }()));
}

// PT-01: the full order, over many rounds to catch races.
void tst_SubprocessTransport::callbackOrder()
{
    APROC_RUN_TIMEOUT(
            ([]() -> Task<void> {
                for (int round = 0; round < 50; ++round) {
                    auto [transport, protocol] = co_await EventLoop::current()->subprocessExec(
                            makeRecorder, helper(),
                            args(QStringLiteral("out-err"), QStringLiteral("x")));
                    co_await waitFor(protocol->lost, 10s);
                    APROC_COMPARE(protocol->orderProblem(QList<int>() << 0 << 1 << 2), QString());
                    APROC_COMPARE(protocol->output[1], QByteArrayLiteral("OUT:x"));
                    APROC_COMPARE(protocol->output[2], QByteArrayLiteral("ERR:x"));
                    APROC_COMPARE(transport->getReturncode(), std::optional<int>(0));
                }
            }()),
            60s);
}

// PT-02: what happens before connectionMade() is queued and replayed after it, in order.
void tst_SubprocessTransport::earlyEventsReplayed()
{
    APROC_RUN(([]() -> Task<void> {
        for (int round = 0; round < 20; ++round) {
            auto [transport, protocol] = co_await EventLoop::current()->subprocessExec(
                    makeRecorder, helper(),
                    args(QStringLiteral("echo"), QStringLiteral("a"), QStringLiteral("b")));
            co_await waitFor(protocol->lost, 10s);
            APROC_COMPARE(protocol->orderProblem(QList<int>() << 0 << 1 << 2), QString());
            APROC_COMPARE(protocol->output[1], QByteArrayLiteral("a\nb\n"));
        }
    }()));
}

// PT-03: inside processExited(), getReturncode() has the code.
void tst_SubprocessTransport::returncodeInProcessExited()
{
    APROC_RUN(([]() -> Task<void> {
        auto [transport, protocol] = co_await EventLoop::current()->subprocessExec(
                makeRecorder, helper(), args(QStringLiteral("exit"), QStringLiteral("5")));
        co_await waitFor(protocol->lost, 10s);
        APROC_COMPARE(protocol->count(ProtocolEvent::Exited), 1);
        for (const ProtocolEvent &event : protocol->events) {
            if (event.kind == ProtocolEvent::Exited)
                APROC_COMPARE(event.returncode, std::optional<int>(5));
        }
    }()));
}

// PT-06: no pipe transport where the stream is not a pipe, nor for fds out of range.
void tst_SubprocessTransport::pipeTransportNull_data()
{
    QTest::addColumn<int>("mode"); // 0 inherit, 1 DEVNULL, 2 stderr=STDOUT, 3 fd(2)
    QTest::newRow("PT-06 inherit") << 0;
    QTest::newRow("PT-06 DEVNULL") << 1;
    QTest::newRow("PT-06 STDOUT") << 2;
    QTest::newRow("PT-06 fd") << 3;
}

void tst_SubprocessTransport::pipeTransportNull()
{
    QFETCH(int, mode);
    APROC_RUN(([mode]() -> Task<void> {
        ProcessOptions options;
        switch (mode) {
        case 0:
            break;
        case 1:
            options = withModes(DEVNULL, DEVNULL, DEVNULL);
            break;
        case 2:
            options = withModes(DEVNULL, DEVNULL, STDOUT);
            break;
        case 3:
            options = withModes(Stdio::fd(0), Stdio::fd(2), Stdio::fd(2));
            break;
        }
        auto [transport, protocol] = co_await EventLoop::current()->subprocessExec(
                makeRecorder, helper(), args(QStringLiteral("exit"), QStringLiteral("0")), options);
        for (int fd = 0; fd < 3; ++fd) {
            if (mode == 2 && fd != 2)
                continue; // only stderr=STDOUT is the point of this row
            APROC_VERIFY(!transport->getPipeTransport(fd));
        }
        APROC_VERIFY(!transport->getPipeTransport(3));
        APROC_VERIFY(!transport->getPipeTransport(-1));
        co_await waitFor(protocol->lost, 10s);
        APROC_COMPARE(transport->getReturncode(), std::optional<int>(0));
    }()));
}

// PT-06: with nothing piped, `exit 7` completes with 7.
void tst_SubprocessTransport::nothingPipedExit()
{
    APROC_RUN(([]() -> Task<void> {
        auto [transport, protocol] = co_await EventLoop::current()->subprocessExec(
                makeRecorder, helper(), args(QStringLiteral("exit"), QStringLiteral("7")),
                ProcessOptions());
        for (int fd = -1; fd <= 3; ++fd)
            APROC_VERIFY(!transport->getPipeTransport(fd));
        co_await waitFor(protocol->lost, 10s);
        APROC_COMPARE(transport->getReturncode(), std::optional<int>(7));
        APROC_COMPARE(protocol->orderProblem(QList<int>()), QString());
    }()));
}

// PT-07: close() kills a running child and closes its pipes; idempotent.
void tst_SubprocessTransport::closeKillsRunningChild()
{
    APROC_RUN(([]() -> Task<void> {
        auto [transport, protocol] = co_await EventLoop::current()->subprocessExec(
                makeRecorder, helper(), args(QStringLiteral("sleep"), QStringLiteral("3600")));
        co_await waitFor(protocol->waitForText(1, "sleeping\n"), 10s);
        APROC_VERIFY(!transport->isClosing());
        transport->close();
        APROC_VERIFY(transport->isClosing());
        for (int fd = 0; fd < 3; ++fd)
            APROC_VERIFY(transport->getPipeTransport(fd)->isClosing());
        transport->close();
        APROC_VERIFY(transport->isClosing());
        co_await waitFor(protocol->lost, 10s);
        transport->close();
        APROC_COMPARE(transport->getReturncode(), std::optional<int>(-SIGKILL));
        APROC_COMPARE(protocol->orderProblem(QList<int>() << 0 << 1 << 2), QString());
        for (const ProtocolEvent &event : protocol->events) {
            if (event.kind == ProtocolEvent::Exited)
                APROC_COMPARE(event.returncode, std::optional<int>(-SIGKILL));
        }
    }()));
}

// PT-09: what pipe 0 gets arrives on fd 1, in order, across several writes.
void tst_SubprocessTransport::catInOrder()
{
    APROC_RUN(([]() -> Task<void> {
        auto [transport, protocol] = co_await EventLoop::current()->subprocessExec(
                makeRecorder, helper(), args(QStringLiteral("cat")));
        auto *in = dynamic_cast<WriteTransport *>(transport->getPipeTransport(0));
        APROC_VERIFY(in);
        QByteArray expected;
        for (int i = 0; i < 10; ++i) {
            const QByteArray chunk
                    = QByteArray::number(i) + QByteArray(1000 * (i + 1), char('a' + i)) + "\n";
            expected += chunk;
            in->write(chunk);
        }
        in->writeEof();
        co_await waitFor(protocol->lost, 10s);
        APROC_COMPARE(protocol->output[1].size(), expected.size());
        APROC_VERIFY(protocol->output[1] == expected);
        APROC_COMPARE(transport->getReturncode(), std::optional<int>(0));
        APROC_COMPARE(protocol->orderProblem(QList<int>() << 0 << 1 << 2), QString());
    }()));
}

// PT-10: shell `echo Python`.
void tst_SubprocessTransport::shellEcho()
{
    APROC_RUN(([]() -> Task<void> {
        auto [transport, protocol] = co_await EventLoop::current()->subprocessShell(
                makeRecorder, QStringLiteral("echo Python"));
        transport->getPipeTransport(0)->close();
        co_await waitFor(protocol->lost, 10s);
        APROC_COMPARE(transport->getReturncode(), std::optional<int>(0));
        APROC_COMPARE(protocol->output[1], QByteArrayLiteral("Python\n"));
        APROC_COMPARE(protocol->output[2], QByteArray());
        APROC_COMPARE(protocol->count(ProtocolEvent::Data, 2), 0);
        APROC_COMPARE(protocol->orderProblem(QList<int>() << 0 << 1 << 2), QString());
    }()));
}

// PT-11: kill(), terminate(), sendSignal(SIGHUP).
void tst_SubprocessTransport::signals_data()
{
    QTest::addColumn<int>("how");
    QTest::addColumn<int>("expected");
    QTest::newRow("PT-11 kill") << 0 << -SIGKILL;
    QTest::newRow("PT-11 terminate") << 1 << -SIGTERM;
    QTest::newRow("PT-11 sendSignal(SIGHUP)") << 2 << -SIGHUP;
}

void tst_SubprocessTransport::signals()
{
    QFETCH(int, how);
    QFETCH(int, expected);
    APROC_RUN(([how, expected]() -> Task<void> {
        auto [transport, protocol] = co_await EventLoop::current()->subprocessExec(
                makeRecorder, helper(), args(QStringLiteral("sleep"), QStringLiteral("3600")));
        co_await waitFor(protocol->waitForText(1, "sleeping\n"), 10s);
        if (how == 0)
            transport->kill();
        else if (how == 1)
            transport->terminate();
        else
            transport->sendSignal(SIGHUP);
        co_await waitFor(protocol->lost, 10s);
        APROC_COMPARE(transport->getReturncode(), std::optional<int>(expected));
        APROC_COMPARE(protocol->orderProblem(QList<int>() << 0 << 1 << 2), QString());
    }()));
}

// PT-12: out-err writes each stream.
void tst_SubprocessTransport::outErr()
{
    APROC_RUN(([]() -> Task<void> {
        auto [transport, protocol] = co_await EventLoop::current()->subprocessExec(
                makeRecorder, helper(), args(QStringLiteral("out-err"), QStringLiteral("x")));
        co_await waitFor(protocol->lost, 10s);
        APROC_COMPARE(protocol->output[1], QByteArrayLiteral("OUT:x"));
        APROC_COMPARE(protocol->output[2], QByteArrayLiteral("ERR:x"));
        APROC_COMPARE(transport->getReturncode(), std::optional<int>(0));
    }()));
}

// PT-13: closing the stdout transport: pipeConnectionLost(1, null), the writing child gets SIGPIPE.
void tst_SubprocessTransport::closeStdoutSigpipe()
{
    APROC_RUN(([]() -> Task<void> {
        auto [transport, protocol] = co_await EventLoop::current()->subprocessExec(
                makeRecorder, helper(), args(QStringLiteral("flood"), QStringLiteral("100000000")));
        Future<void> stdoutLost;
        protocol->onPipeLost = [stdoutLost](int fd) mutable {
            if (fd == 1 && !stdoutLost.done())
                stdoutLost.setResult();
        };
        transport->getPipeTransport(1)->close();
        co_await waitFor(stdoutLost, 10s);
        for (const ProtocolEvent &event : protocol->events) {
            if (event.kind == ProtocolEvent::PipeLost && event.fd == 1)
                APROC_VERIFY(!event.error);
        }
        co_await waitFor(protocol->lost, 10s);
        APROC_COMPARE(transport->getReturncode(), std::optional<int>(-SIGPIPE));
        APROC_COMPARE(protocol->orderProblem(QList<int>() << 0 << 1 << 2), QString());
    }()));
}

// SG-05: once the exit was processed, the transport's signals throw ProcessLookupError;
// Process's are no-ops.
void tst_SubprocessTransport::signalsAfterExit()
{
    APROC_RUN(([]() -> Task<void> {
        auto [transport, protocol] = co_await EventLoop::current()->subprocessExec(
                makeRecorder, helper(), args(QStringLiteral("exit"), QStringLiteral("0")));
        co_await waitFor(protocol->lost, 10s);
        APROC_VERIFY_THROWS(transport->kill(), ProcessLookupError);
        APROC_VERIFY_THROWS(transport->terminate(), ProcessLookupError);
        APROC_VERIFY_THROWS(transport->sendSignal(SIGHUP), ProcessLookupError);

        auto process = co_await createSubprocessExec(
                helper(), args(QStringLiteral("exit"), QStringLiteral("0")));
        APROC_COMPARE(co_await process->wait(), 0);
        process->kill();
        process->terminate();
        process->sendSignal(SIGHUP);
        process->sendSignalToGroup(SIGHUP);
        APROC_COMPARE(process->returncode(), std::optional<int>(0));
    }()));
}

// D5: a child reaped by someone else is reported as 255, with exactly one warning on
// "aproc.process". Deterministic under both watchers: the child (`read x; exit 3`) blocks on a
// pipe of the test's own until the test closes it; then the loop thread blocks in
// waitid(WNOWAIT) until the child has exited and reaps it itself, without running the loop in
// between. Neither watcher reaps outside the loop thread (the SIGCHLD handler only writes a wake
// byte; the pidfd is read by the loop), so neither can have reaped it first.
namespace {
QtMessageHandler g_previousHandler = nullptr;
QList<std::pair<QByteArray, QString>> g_warnings; // category, message

void recordWarnings(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type == QtWarningMsg)
        g_warnings.append({QByteArray(context.category ? context.category : ""), message});
    if (g_previousHandler)
        g_previousHandler(type, context, message);
}
} // namespace

void tst_SubprocessTransport::reapedBySomeoneElse()
{
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral(
                                 "Unknown child process pid \\d+, will report returncode 255")));
    g_warnings.clear();
    g_previousHandler = qInstallMessageHandler(recordWarnings);
    int pipeFds[2] = {-1, -1};
    QCOMPARE(::pipe2(pipeFds, O_CLOEXEC), 0);
    APROC_RUN(([pipeFds]() mutable -> Task<void> {
        ProcessOptions options;
        options.stdinMode = Stdio::fd(pipeFds[0]);
        auto process = co_await createSubprocessExec(
                QStringLiteral("/bin/sh"),
                args(QStringLiteral("-c"), QStringLiteral("read x; exit 3")), options);
        ::close(pipeFds[0]);
        pipeFds[0] = -1;
        const pid_t pid = pid_t(process->pid());
        APROC_VERIFY(!process->returncode());
        ::close(pipeFds[1]); // EOF: the child exits now
        pipeFds[1] = -1;
        siginfo_t info{};
        int result;
        do {
            result = ::waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT);
        } while (result != 0 && errno == EINTR);
        APROC_COMPARE(result, 0);
        int status = 0;
        APROC_COMPARE(int(::waitpid(pid, &status, 0)), int(pid));
        APROC_VERIFY(WIFEXITED(status));
        APROC_COMPARE(WEXITSTATUS(status), 3);
        APROC_COMPARE(co_await waitFor(process->wait(), 10s), 255);
        APROC_COMPARE(process->returncode(), std::optional<int>(255));
        process.reset();
        co_await sleep(0ms); // let anything the exit scheduled run before counting warnings
    }()));
    qInstallMessageHandler(g_previousHandler);
    for (int fd : pipeFds) {
        if (fd >= 0)
            ::close(fd);
    }
    QCOMPARE(g_warnings.size(), 1);
    QCOMPARE(g_warnings.first().first, QByteArray("aproc.process"));
}

// PF-02: a limit of 10 and 21 bytes: all arrive, and the reading was paused and resumed.
void tst_SubprocessTransport::pauseAndResumeWithSmallLimit_data()
{
    QTest::addColumn<bool>("readFirst");
    QTest::newRow("PF-02 communicate") << false;
    QTest::newRow("PF-02 read(11) resumes, then communicate") << true;
}

void tst_SubprocessTransport::pauseAndResumeWithSmallLimit()
{
    QFETCH(bool, readFirst);
    APROC_RUN(([readFirst]() -> Task<void> {
        ProcessOptions options;
        options.stdoutMode = PIPE;
        options.limit = 10;
        auto process = co_await createSubprocessExec(
                helper(), args(QStringLiteral("flood"), QStringLiteral("21")), options);
        auto *out = dynamic_cast<ReadTransport *>(process->transport()->getPipeTransport(1));
        APROC_VERIFY(out);
        // Let the child's 21 bytes (> 2 × limit) be buffered without reading them.
        Future<void> all;
        qsizetype received = 0;
        QObject::connect(process.get(), &Process::outputReceived, process.get(),
                         [&received, all](int fd, const QByteArray &data) mutable {
                             if (fd == 1)
                                 received += data.size();
                             if (received >= 21 && !all.done())
                                 all.setResult();
                         });
        co_await waitFor(all, 10s);
        // 21 bytes > 2 x limit are buffered and nothing read them: paused.
        APROC_VERIFY(!out->isClosing());
        APROC_VERIFY2(!out->isReading(),
                      "the stdout transport was not paused with 21 bytes buffered");
        QByteArray first;
        if (readFirst) {
            // 21 - 11 = 10 bytes left: down to the limit, so reading resumes.
            first = co_await process->standardOutput()->read(11);
            APROC_COMPARE(first, QByteArray(11, 'x'));
            APROC_VERIFY(!out->isClosing());
            APROC_VERIFY2(out->isReading(), "the stdout transport was not resumed at the limit");
        }
        // communicate() can only see EOF once reading was resumed.
        const Communicated result = co_await waitFor(process->communicate(), 10s);
        APROC_VERIFY(result.out.has_value());
        APROC_COMPARE(first + *result.out, QByteArray(21, 'x'));
        APROC_COMPARE(co_await process->wait(), 0);
    }()));
}

// ST-18: a line longer than the limit: ValueError, then the next line.
void tst_SubprocessTransport::readlineOverLimit()
{
    APROC_RUN(([]() -> Task<void> {
        ProcessOptions options;
        options.stdoutMode = PIPE;
        options.limit = 10;
        const QString command
                = QStringLiteral("printf '%s\\nok\\n' ") + QString(100, QLatin1Char('x'));
        auto process = co_await createSubprocessExec(QStringLiteral("/bin/sh"),
                                                     args(QStringLiteral("-c"), command), options);
        APROC_VERIFY_THROWS(co_await process->standardOutput()->readline(), ValueError);
        const QByteArray line = co_await process->standardOutput()->readline();
        APROC_COMPARE(line, QByteArrayLiteral("ok\n"));
        APROC_COMPARE(co_await process->wait(), 0);
    }()));
}

QTEST_GUILESS_MAIN(tst_SubprocessTransport)
#include "tst_subprocesstransport.moc"
