<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>aproc</name>
    <message>
        <source>%1 bytes read on a total of %2 expected bytes</source>
        <translation>%1바이트를 읽었습니다(예상한 전체 바이트 수: %2)</translation>
    </message>
    <message>
        <source>EventLoop::current(): this thread has no Qt event dispatcher (create a QCoreApplication first, or run in a started QThread)</source>
        <translation>EventLoop::current(): 이 스레드에는 Qt 이벤트 디스패처가 없습니다(먼저 QCoreApplication을 만들거나 시작된 QThread 안에서 실행하십시오)</translation>
    </message>
    <message>
        <source>Event loop stopped before the future completed.</source>
        <translation>퓨처가 완료되기 전에 이벤트 루프가 멈췄습니다.</translation>
    </message>
    <message>
        <source>%1: the protocol is null</source>
        <translation>%1: 프로토콜이 null입니다</translation>
    </message>
    <message>
        <source>pidfd_open() and waitid(P_PIDFD) work (Linux 5.4 or later)</source>
        <translation>pidfd_open()과 waitid(P_PIDFD)가 동작합니다(Linux 5.4 이상)</translation>
    </message>
    <message>
        <source>requested by APROC_CHILD_WATCHER=pidfd</source>
        <translation>APROC_CHILD_WATCHER=pidfd로 요청됨</translation>
    </message>
    <message>
        <source>forced by APROC_CHILD_WATCHER=sigchld</source>
        <translation>APROC_CHILD_WATCHER=sigchld로 강제됨</translation>
    </message>
    <message>
        <source>pidfd_open refused with %1 (a seccomp filter?)</source>
        <translation>pidfd_open이 %1(으)로 거부되었습니다(seccomp 필터?)</translation>
    </message>
    <message>
        <source>pidfd_open not available (ENOSYS: Linux older than 5.3, or an emulator such as qemu-user)</source>
        <translation>pidfd_open을 사용할 수 없습니다(ENOSYS: Linux 5.3 미만이거나 qemu-user 같은 에뮬레이터)</translation>
    </message>
    <message>
        <source>pidfd_open failed with %1</source>
        <translation>pidfd_open이 %1(으)로 실패했습니다</translation>
    </message>
    <message>
        <source>pidfd_send_signal refused with %1 (a seccomp filter?)</source>
        <translation>pidfd_send_signal이 %1(으)로 거부되었습니다(seccomp 필터?)</translation>
    </message>
    <message>
        <source>waitid(P_PIDFD) not supported (EINVAL: Linux older than 5.4)</source>
        <translation>waitid(P_PIDFD)가 지원되지 않습니다(EINVAL: Linux 5.4 미만)</translation>
    </message>
    <message>
        <source>waitid(P_PIDFD) probe answered %1 (a seccomp filter?)</source>
        <translation>waitid(P_PIDFD) 검사가 %1을(를) 반환했습니다(seccomp 필터?)</translation>
    </message>
    <message>
        <source>APROC_CHILD_WATCHER=%1 is neither pidfd nor sigchld, ignored; %2</source>
        <translation>APROC_CHILD_WATCHER=%1은(는) pidfd도 sigchld도 아니므로 무시합니다; %2</translation>
    </message>
    <message>
        <source>; SIGCHLD is ignored (SIG_IGN or SA_NOCLDWAIT) in this process: the kernel reaps children itself and their exit statuses are lost (255)</source>
        <translation>; 이 프로세스에서는 SIGCHLD가 무시됩니다(SIG_IGN 또는 SA_NOCLDWAIT): 커널이 자식 프로세스를 직접 회수하므로 종료 상태를 알 수 없습니다(255)</translation>
    </message>
    <message>
        <source>; Aproc&apos;s SIGCHLD handler was replaced by someone else: exits are found by a check once a second</source>
        <translation>; Aproc의 SIGCHLD 핸들러가 다른 핸들러로 바뀌었습니다: 종료는 1초마다 확인해서 찾습니다</translation>
    </message>
    <message>
        <source>%1: fd %2 is not a pipe, a socket or a character device</source>
        <translation>%1: fd %2은(는) 파이프, 소켓, 문자 장치 중 어느 것도 아닙니다</translation>
    </message>
    <message>
        <source>too many event loops watch children through SIGCHLD (%1)</source>
        <translation>SIGCHLD로 자식 프로세스를 감시하는 이벤트 루프가 너무 많습니다(%1)</translation>
    </message>
    <message>
        <source>signal %1 cannot be handled</source>
        <translation>시그널 %1은(는) 처리할 수 없습니다</translation>
    </message>
    <message>
        <source>signal %1 is already handled by the loop of another thread</source>
        <translation>시그널 %1은(는) 이미 다른 스레드의 루프가 처리하고 있습니다</translation>
    </message>
    <message>
        <source>The program to start is empty</source>
        <translation>시작할 프로그램이 비어 있습니다</translation>
    </message>
    <message>
        <source>The program name contains a NUL byte: &apos;%1&apos;</source>
        <translation>프로그램 이름에 NUL 바이트가 있습니다: &apos;%1&apos;</translation>
    </message>
    <message>
        <source>Argument %1 contains a NUL byte: &apos;%2&apos;</source>
        <translation>인수 %1에 NUL 바이트가 있습니다: &apos;%2&apos;</translation>
    </message>
    <message>
        <source>Illegal environment variable name: &apos;%1&apos;</source>
        <translation>잘못된 환경 변수 이름: &apos;%1&apos;</translation>
    </message>
    <message>
        <source>The environment variable name &apos;%1&apos; contains a NUL byte</source>
        <translation>환경 변수 이름 &apos;%1&apos;에 NUL 바이트가 있습니다</translation>
    </message>
    <message>
        <source>The value of the environment variable &apos;%1&apos; contains a NUL byte</source>
        <translation>환경 변수 &apos;%1&apos;의 값에 NUL 바이트가 있습니다</translation>
    </message>
    <message>
        <source>Stdio::toStdout() is only valid for stderr, not for %1</source>
        <translation>Stdio::toStdout()은 stderr에만 쓸 수 있으며 %1에는 쓸 수 없습니다</translation>
    </message>
    <message>
        <source>Stdio::fd(%1) for %2 is not an open descriptor</source>
        <translation>%2에 지정한 Stdio::fd(%1)은(는) 열린 디스크립터가 아닙니다</translation>
    </message>
    <message>
        <source>limit must be positive, not %1</source>
        <translation>limit은 양수여야 합니다(지정한 값: %1)</translation>
    </message>
    <message>
        <source>pipeSize must be positive, not %1</source>
        <translation>pipeSize는 양수여야 합니다(지정한 값: %1)</translation>
    </message>
    <message>
        <source>processGroup must be 0 or a process group id, not %1</source>
        <translation>processGroup은 0 또는 프로세스 그룹 ID여야 합니다(지정한 값: %1)</translation>
    </message>
    <message>
        <source>umask must be within 0777, not 0%1</source>
        <translation>umask는 0777 이내여야 합니다(지정한 값: 0%1)</translation>
    </message>
    <message>
        <source>passFds: %1 is not an open descriptor</source>
        <translation>passFds: %1은(는) 열린 디스크립터가 아닙니다</translation>
    </message>
    <message>
        <source>The working directory contains a NUL byte: &apos;%1&apos;</source>
        <translation>작업 디렉터리에 NUL 바이트가 있습니다: &apos;%1&apos;</translation>
    </message>
    <message>
        <source>setWriteBufferLimits: high (%1) must be &gt;= low (%2) must be &gt;= 0</source>
        <translation>setWriteBufferLimits: high(%1) &gt;= low(%2) &gt;= 0이어야 합니다</translation>
    </message>
    <message>
        <source>Separator is found, but chunk is longer than limit</source>
        <translation>구분자를 찾았지만 청크가 제한보다 깁니다</translation>
    </message>
    <message>
        <source>Separator is not found, and chunk exceed the limit</source>
        <translation>구분자를 찾지 못했고 청크가 제한을 넘었습니다</translation>
    </message>
    <message>
        <source>readexactly size can not be less than zero</source>
        <translation>readexactly의 크기는 0보다 작을 수 없습니다</translation>
    </message>
    <message>
        <source>Separator should be at least one-byte string</source>
        <translation>구분자는 1바이트 이상의 문자열이어야 합니다</translation>
    </message>
    <message>
        <source>feedData() after feedEof()</source>
        <translation>feedEof() 다음에 feedData()가 호출되었습니다</translation>
    </message>
    <message>
        <source>the StreamReader was destroyed while a coroutine was reading from it</source>
        <translation>코루틴이 읽는 중에 StreamReader가 파괴되었습니다</translation>
    </message>
    <message>
        <source>%1() called while another coroutine is already waiting for incoming data</source>
        <translation>다른 코루틴이 이미 들어오는 데이터를 기다리는 중에 %1()이(가) 호출되었습니다</translation>
    </message>
    <message>
        <source>Limit cannot be &lt;= 0</source>
        <translation>제한은 0 이하일 수 없습니다</translation>
    </message>
    <message>
        <source>Connection lost</source>
        <translation>연결이 끊어졌습니다</translation>
    </message>
    <message>
        <source>StreamWriter: the transport and the protocol must not be null</source>
        <translation>StreamWriter: 트랜스포트와 프로토콜은 null일 수 없습니다</translation>
    </message>
    <message>
        <source>Process::start(): the process was already started</source>
        <translation>Process::start(): 프로세스가 이미 시작되었습니다</translation>
    </message>
    <message>
        <source>Process::wait(): the process has not started</source>
        <translation>Process::wait(): 프로세스가 시작되지 않았습니다</translation>
    </message>
    <message>
        <source>Process::communicate(): the process has not started</source>
        <translation>Process::communicate(): 프로세스가 시작되지 않았습니다</translation>
    </message>
    <message>
        <source>communicate(): input was given but the process&apos;s stdin is not a pipe</source>
        <translation>communicate(): 입력이 주어졌지만 프로세스의 stdin이 파이프가 아닙니다</translation>
    </message>
    <message>
        <source>Process::stop(): the process has not started</source>
        <translation>Process::stop(): 프로세스가 시작되지 않았습니다</translation>
    </message>
    <message>
        <source>No escaped character</source>
        <translation>이스케이프할 문자가 없습니다</translation>
    </message>
    <message>
        <source>No closing quotation</source>
        <translation>닫는 따옴표가 없습니다</translation>
    </message>
    <message>
        <source>Expect::expect(): invalid pattern &quot;%1&quot;: %2</source>
        <translation>Expect::expect(): 잘못된 패턴 &quot;%1&quot;: %2</translation>
    </message>
    <message>
        <source>Expect::expect(): the process&apos;s stdout is not a stream</source>
        <translation>Expect::expect(): 프로세스의 stdout이 스트림이 아닙니다</translation>
    </message>
    <message>
        <source>Expect::expect(): &quot;%1&quot; did not appear within %2 ms; last output: &quot;%3&quot;</source>
        <translation>Expect::expect(): %2ms 안에 &quot;%1&quot;이(가) 나타나지 않았습니다; 마지막 출력: &quot;%3&quot;</translation>
    </message>
    <message>
        <source>Expect::send(): the process&apos;s stdin is not a stream</source>
        <translation>Expect::send(): 프로세스의 stdin이 스트림이 아닙니다</translation>
    </message>
    <message>
        <source>Expect::sendEof(): the process&apos;s stdin is not a stream</source>
        <translation>Expect::sendEof(): 프로세스의 stdin이 스트림이 아닙니다</translation>
    </message>
    <message>
        <source>the sender was destroyed</source>
        <translation>시그널을 보낸 객체가 파괴되었습니다</translation>
    </message>
    <message>
        <source>waitFor(): timed out after %1 s</source>
        <translation>waitFor(): %1초가 지나 시간이 초과되었습니다</translation>
    </message>
    <message>
        <source>%1 (1 sub-exception)</source>
        <translation>%1 (하위 예외 1개)</translation>
    </message>
    <message>
        <source>%1 (%2 sub-exceptions)</source>
        <translation>%1 (하위 예외 %2개)</translation>
    </message>
    <message>
        <source>taskGroup() must be awaited inside a task (it has no parent task)</source>
        <translation>taskGroup()은 태스크 안에서 기다려야 합니다(부모 태스크가 없습니다)</translation>
    </message>
    <message>
        <source>TaskGroup::createTask(): the group is finished</source>
        <translation>TaskGroup::createTask(): 그룹이 이미 끝났습니다</translation>
    </message>
    <message>
        <source>TaskGroup::createTask(): the group is shutting down</source>
        <translation>TaskGroup::createTask(): 그룹이 종료하는 중입니다</translation>
    </message>
    <message>
        <source>TaskGroup::createTask(): the task already started</source>
        <translation>TaskGroup::createTask(): 태스크가 이미 시작되었습니다</translation>
    </message>
    <message>
        <source>unhandled errors in a TaskGroup</source>
        <translation>TaskGroup에서 처리되지 않은 오류</translation>
    </message>
    <message>
        <source>Timeout::reschedule(): the scope is not running, or already expired</source>
        <translation>Timeout::reschedule(): 범위가 실행 중이 아니거나 이미 만료되었습니다</translation>
    </message>
    <message>
        <source>Timeout::run(): the scope was used already</source>
        <translation>Timeout::run(): 이 범위는 이미 사용되었습니다</translation>
    </message>
    <message>
        <source>timeout() must be awaited inside a task (it has no task to cancel)</source>
        <translation>timeout()은 태스크 안에서 기다려야 합니다(취소할 태스크가 없습니다)</translation>
    </message>
    <message>
        <source>timeout(): the deadline passed before the block finished</source>
        <translation>timeout(): 블록이 끝나기 전에 기한이 지났습니다</translation>
    </message>
    <message>
        <source>timeout(): the delay is negative: %1 s</source>
        <translation>timeout(): 지연 시간이 음수입니다: %1초</translation>
    </message>
    <message>
        <source>Command &apos;%1&apos; died with signal %2.</source>
        <translation>명령 &apos;%1&apos;이(가) 시그널 %2(으)로 끝났습니다.</translation>
    </message>
    <message>
        <source>Command &apos;%1&apos; returned non-zero exit status %2.</source>
        <translation>명령 &apos;%1&apos;이(가) 0이 아닌 종료 상태 %2을(를) 반환했습니다.</translation>
    </message>
    <message>
        <source>run(): the command is empty</source>
        <translation>run(): 명령이 비어 있습니다</translation>
    </message>
    <message>
        <source>run(): the timeout is negative: %1 ms</source>
        <translation>run(): 제한 시간이 음수입니다: %1 ms</translation>
    </message>
    <message>
        <source>Command &apos;%1&apos; timed out after %2 ms</source>
        <translation>명령 &apos;%1&apos;이(가) %2 ms 후 시간 초과되었습니다</translation>
    </message>
    <message>
        <source>createSubprocessExec(): the command is empty (argv[0] is the program)</source>
        <translation>createSubprocessExec(): 명령이 비어 있습니다(argv[0]이 프로그램입니다)</translation>
    </message>
    <message>
        <source>maxsize must be &gt;= 0, got %1</source>
        <translation>maxsize는 0 이상이어야 하는데 %1입니다</translation>
    </message>
    <message>
        <source>taskDone() called too many times</source>
        <translation>taskDone()이 너무 많이 호출되었습니다</translation>
    </message>
    <message>
        <source>getNowait(): the queue is empty</source>
        <translation>getNowait(): 큐가 비어 있습니다</translation>
    </message>
    <message>
        <source>putNowait(): the queue is full (maxsize %1)</source>
        <translation>putNowait(): 큐가 가득 찼습니다 (maxsize %1)</translation>
    </message>
    <message>
        <source>%1: the queue is shut down</source>
        <translation>%1: 큐가 종료되었습니다</translation>
    </message>
    <message>
        <source>Barrier aborted</source>
        <translation>Barrier가 중단되었습니다</translation>
    </message>
    <message>
        <source>Abort or reset of barrier</source>
        <translation>Barrier가 중단되었거나 초기화되었습니다</translation>
    </message>
    <message>
        <source>Barrier parties must be &gt; 0, not %1</source>
        <translation>Barrier의 parties는 0보다 커야 합니다(지정한 값: %1)</translation>
    </message>
    <message>
        <source>cannot wait on un-acquired lock</source>
        <translation>획득하지 않은 잠금으로는 기다릴 수 없습니다</translation>
    </message>
    <message>
        <source>cannot notify on un-acquired lock</source>
        <translation>획득하지 않은 잠금으로는 알릴 수 없습니다</translation>
    </message>
    <message>
        <source>Lock is not acquired.</source>
        <translation>Lock이 획득되지 않았습니다.</translation>
    </message>
    <message>
        <source>Semaphore initial value must be &gt;= 0, not %1</source>
        <translation>Semaphore의 초기값은 0 이상이어야 합니다(지정한 값: %1)</translation>
    </message>
    <message>
        <source>BoundedSemaphore released too many times (its initial value is %1)</source>
        <translation>BoundedSemaphore가 너무 많이 해제되었습니다(초기값: %1)</translation>
    </message>
    <message>
        <source>The file for %1 has an empty path</source>
        <translation>%1의 파일 경로가 비어 있습니다</translation>
    </message>
    <message>
        <source>The path of a file for a stream contains a NUL byte: &apos;%1&apos;</source>
        <translation>스트림 파일 경로에 NUL 바이트가 있습니다: &apos;%1&apos;</translation>
    </message>
    <message>
        <source>Stdio::toFile() is for stdout and stderr, not for stdin (&apos;%1&apos;); stdin reads a file with Stdio::fromFile()</source>
        <translation>Stdio::toFile()은 stdin이 아니라 stdout과 stderr용입니다(&apos;%1&apos;). stdin은 Stdio::fromFile()로 파일을 읽습니다</translation>
    </message>
    <message>
        <source>Stdio::fromFile() is for stdin, not for %1 (&apos;%2&apos;); output goes to a file with Stdio::toFile()</source>
        <translation>Stdio::fromFile()은 %1이 아니라 stdin용입니다(&apos;%2&apos;). 출력은 Stdio::toFile()로 파일에 보냅니다</translation>
    </message>
    <message>
        <source>stopOnCancel.grace must not be negative, not %1 ms</source>
        <translation>stopOnCancel.grace는 음수일 수 없습니다: %1 ms</translation>
    </message>
    <message>
        <source>stopOnCancel.wholeGroup needs a process group of the child&apos;s own (startNewSession, processGroup = 0 or a pty)</source>
        <translation>stopOnCancel.wholeGroup에는 자식 자신의 프로세스 그룹이 필요합니다(startNewSession, processGroup = 0 또는 pty)</translation>
    </message>
    <message>
        <source>createPipeline(): there are no stages</source>
        <translation>createPipeline(): 단계가 없습니다</translation>
    </message>
    <message>
        <source>createPipeline(): stage %1 has no program</source>
        <translation>createPipeline(): %1단계에 프로그램이 없습니다</translation>
    </message>
    <message>
        <source>createPipeline(): a pipeline&apos;s streams cannot be a Stdio::pty()</source>
        <translation>createPipeline(): 파이프라인의 스트림은 Stdio::pty()일 수 없습니다</translation>
    </message>
    <message>
        <source>Pipeline::communicate(): input was given but the first stage&apos;s stdin is not a pipe</source>
        <translation>Pipeline::communicate(): 입력이 주어졌지만 첫 단계의 stdin이 파이프가 아닙니다</translation>
    </message>
    <message>
        <source>readline(): %1 is not a LineOverflow</source>
        <translation>readline(): %1은(는) LineOverflow 값이 아닙니다</translation>
    </message>
    <message>
        <source>TextLineReader: the reader is null (is the process&apos;s stream piped?)</source>
        <translation>TextLineReader: 리더가 null입니다 (프로세스의 스트림이 파이프로 연결되어 있습니까?)</translation>
    </message>
    <message>
        <source>TextLineReader: the encoding %1 cannot be split into lines at the byte &quot;\n&quot;</source>
        <translation>TextLineReader: 인코딩 %1은(는) 바이트 &quot;\n&quot;에서 줄로 나눌 수 없습니다</translation>
    </message>
    <message>
        <source>Expect::%1(): the process&apos;s stdout is not a stream</source>
        <translation>Expect::%1(): 프로세스의 stdout이 스트림이 아닙니다</translation>
    </message>
    <message>
        <source>Expect::expectExact(): the text is empty</source>
        <translation>Expect::expectExact(): 텍스트가 비어 있습니다</translation>
    </message>
    <message>
        <source>Expect::expectExact(): &quot;%1&quot; did not appear within %2 ms; last output: &quot;%3&quot;</source>
        <translation>Expect::expectExact(): %2ms 안에 &quot;%1&quot;이(가) 나타나지 않았습니다; 마지막 출력: &quot;%3&quot;</translation>
    </message>
    <message>
        <source>Expect::expectLine(): the line &quot;%1&quot; contains a newline</source>
        <translation>Expect::expectLine(): 줄 &quot;%1&quot;에 줄바꿈이 들어 있습니다</translation>
    </message>
    <message>
        <source>Expect::expectLine(): no line &quot;%1&quot; appeared within %2 ms; last output: &quot;%3&quot;</source>
        <translation>Expect::expectLine(): %2ms 안에 줄 &quot;%1&quot;이(가) 나타나지 않았습니다; 마지막 출력: &quot;%3&quot;</translation>
    </message>
    <message>
        <source>Expect::expectLine(): invalid pattern &quot;%1&quot;: %2</source>
        <translation>Expect::expectLine(): 잘못된 패턴 &quot;%1&quot;: %2</translation>
    </message>
    <message>
        <source>Expect::expectLine(): no line matching &quot;%1&quot; appeared within %2 ms; last output: &quot;%3&quot;</source>
        <translation>Expect::expectLine(): %2ms 안에 &quot;%1&quot;와(과) 일치하는 줄이 나타나지 않았습니다; 마지막 출력: &quot;%3&quot;</translation>
    </message>
    <message>
        <source>wait(): invalid ReturnWhen value %1</source>
        <translation>wait(): 잘못된 ReturnWhen 값 %1</translation>
    </message>
    <message>
        <source>wait(): the list of tasks and futures is empty</source>
        <translation>wait(): 태스크와 퓨처 목록이 비어 있습니다</translation>
    </message>
    <message>
        <source>asCompleted(): timed out after %1 s</source>
        <translation>asCompleted(): %1초가 지나 시간이 초과되었습니다</translation>
    </message>
    <message>
        <source>asCompleted(): next() was called more often than there are futures</source>
        <translation>asCompleted(): next()가 퓨처 개수보다 많이 호출되었습니다</translation>
    </message>
    <message>
        <source>this process is in no cgroup v2 hierarchy (/proc/self/cgroup has no &quot;0::&quot; line)</source>
        <translation>이 프로세스는 cgroup v2 계층에 속하지 않습니다 (/proc/self/cgroup에 &quot;0::&quot; 줄이 없음)</translation>
    </message>
    <message>
        <source>no cgroup2 mount in /proc/self/mountinfo holds this process&apos;s cgroup %1</source>
        <translation>/proc/self/mountinfo의 어떤 cgroup2 마운트에도 이 프로세스의 cgroup %1이(가) 없습니다</translation>
    </message>
    <message>
        <source>%1 is not writable by this process: on a systemd machine, only a delegated subtree is (systemd-run --user -p Delegate=yes)</source>
        <translation>이 프로세스는 %1에 쓸 수 없습니다: systemd 시스템에서는 위임된 하위 트리만 쓸 수 있습니다 (systemd-run --user -p Delegate=yes)</translation>
    </message>
    <message>
        <source>cannot make a cgroup in %1: %2</source>
        <translation>%1에 cgroup을 만들 수 없습니다: %2</translation>
    </message>
    <message>
        <source>the kernel has no cgroup.kill (Linux 5.14 or later has)</source>
        <translation>커널에 cgroup.kill이 없습니다 (Linux 5.14 이상에 있음)</translation>
    </message>
    <message>
        <source>cgroup v2 at %1 is writable</source>
        <translation>%1의 cgroup v2에 쓸 수 있습니다</translation>
    </message>
    <message>
        <source>cgroup containment is not available: %1</source>
        <translation>cgroup 격리를 사용할 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Containment::means is None: leave containment unset instead</source>
        <translation>Containment::means가 None입니다: 대신 containment를 설정하지 마십시오</translation>
    </message>
    <message>
        <source>%1: falling back to the process group</source>
        <translation>%1: 프로세스 그룹으로 대신합니다</translation>
    </message>
    <message>
        <source>containment by process group needs a group of the child&apos;s own, but processGroup is %1</source>
        <translation>프로세스 그룹에 의한 격리에는 자식 고유의 그룹이 필요하지만 processGroup이 %1입니다</translation>
    </message>
    <message>
        <source>Process::waitForTree(): the process has not started</source>
        <translation>Process::waitForTree(): 프로세스가 시작되지 않았습니다</translation>
    </message>
    <message>
        <source>exitDrain.grace must not be negative, not %1 ms</source>
        <translation>exitDrain.grace는 음수일 수 없습니다: %1 ms</translation>
    </message>
</context>
<context>
    <name>aproc::monitor::AboutBox</name>
    <message>
        <source>About Aproc Monitor</source>
        <translation>Aproc 모니터 정보</translation>
    </message>
    <message>
        <source>Aproc Monitor %1</source>
        <translation>Aproc 모니터 %1</translation>
    </message>
    <message>
        <source>Lists, launches and signals local processes live.</source>
        <translation>로컬 프로세스를 실시간으로 나열하고 실행하며 시그널을 보냅니다.</translation>
    </message>
    <message>
        <source>Built on Aproc %1 and Qt %2. Released under the MIT License.</source>
        <translation>기반: Aproc %1, Qt %2. MIT 라이선스로 배포됩니다.</translation>
    </message>
</context>
<context>
    <name>aproc::monitor::CommandLine</name>
    <message>
        <source>Lists, launches and signals local processes live.</source>
        <translation>로컬 프로세스를 실시간으로 나열하고 실행하며 시그널을 보냅니다.</translation>
    </message>
    <message>
        <source>Load the commands of a Procfile (name: command).</source>
        <translation>Procfile(이름: 명령)에 적힌 명령들을 불러옵니다.</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>파일</translation>
    </message>
    <message>
        <source>Start a few demonstration processes.</source>
        <translation>데모 프로세스 몇 개를 시작합니다.</translation>
    </message>
    <message>
        <source>A command to start, with its arguments.</source>
        <translation>시작할 명령과 그 인수.</translation>
    </message>
    <message>
        <source>[-- COMMAND ARGS...]</source>
        <translation>[-- 명령 인수...]</translation>
    </message>
    <message>
        <source>%1
Try &apos;%2 --help&apos; for more information.</source>
        <translation>%1
자세한 정보는 &apos;%2 --help&apos;를 실행해 보십시오.</translation>
    </message>
</context>
<context>
    <name>aproc::monitor::ConsolePanel</name>
    <message>
        <source>started, pid %1</source>
        <translation>시작됨, PID %1</translation>
    </message>
    <message>
        <source>failed to start: %1</source>
        <translation>시작 실패: %1</translation>
    </message>
    <message>
        <source>killed by %1</source>
        <translation>%1 시그널로 강제 종료됨</translation>
    </message>
    <message>
        <source>exited with code %1</source>
        <translation>종료됨, 종료 코드 %1</translation>
    </message>
    <message>
        <source>Output of %1</source>
        <translation>%1 출력</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>출력</translation>
    </message>
    <message>
        <source>Select a running process to type into its input</source>
        <translation>입력을 보내려면 실행 중인 프로세스를 선택하십시오</translation>
    </message>
    <message>
        <source>%1 does not take input now</source>
        <translation>%1은(는) 지금 입력을 받지 않습니다</translation>
    </message>
    <message>
        <source>All Output</source>
        <translation>전체 출력</translation>
    </message>
</context>
<context>
    <name>aproc::monitor::ConsoleSearchBar</name>
    <message>
        <source>Search</source>
        <translation>검색</translation>
    </message>
    <message>
        <source>Regular expression</source>
        <translation>정규식</translation>
    </message>
    <message>
        <source>Match case</source>
        <translation>대소문자 구분</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>이전</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>다음</translation>
    </message>
</context>
<context>
    <name>aproc::monitor::ConsoleView</name>
    <message>
        <source>… %1 lines dropped</source>
        <translation>… %1줄 삭제됨</translation>
    </message>
    <message>
        <source>Invalid expression: %1</source>
        <translation>잘못된 정규식: %1</translation>
    </message>
    <message>
        <source>%1 matches</source>
        <translation>일치 항목 %1개</translation>
    </message>
    <message>
        <source>Cannot save the console to %1: %2</source>
        <translation>콘솔을 %1에 저장할 수 없습니다: %2</translation>
    </message>
</context>
<context>
    <name>aproc::monitor::DemoSession</name>
    <message>
        <source>Cannot copy the demo to %1.</source>
        <translation>데모를 %1에 복사할 수 없습니다.</translation>
    </message>
    <message>
        <source>Cannot create a directory for the demo: %1</source>
        <translation>데모용 디렉터리를 만들 수 없습니다: %1</translation>
    </message>
    <message>
        <source>The demo session is not built in.</source>
        <translation>이 빌드에는 데모 세션이 포함되어 있지 않습니다.</translation>
    </message>
</context>
<context>
    <name>aproc::monitor::FailureNotifier</name>
    <message>
        <source>Aproc Monitor</source>
        <translation>Aproc 모니터</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 실패: %2</translation>
    </message>
    <message>
        <source>Process failed</source>
        <translation>프로세스 실패</translation>
    </message>
</context>
<context>
    <name>aproc::monitor::LaunchDialog</name>
    <message>
        <source>Launch a Process</source>
        <translation>프로세스 실행</translation>
    </message>
    <message>
        <source>&amp;Launch</source>
        <translation>실행(&amp;L)</translation>
    </message>
    <message>
        <source>The program and its arguments, quoted as in a shell; the list holds the recent commands</source>
        <translation>프로그램과 인수를 셸에서처럼 따옴표로 묶어 입력합니다. 목록에는 최근 명령이 들어 있습니다</translation>
    </message>
    <message>
        <source>The name shown in the list; empty: the program&apos;s name</source>
        <translation>목록에 표시할 이름입니다. 비워 두면 프로그램 이름을 사용합니다</translation>
    </message>
    <message>
        <source>Run in a &amp;shell (/bin/sh -c)</source>
        <translation>셸에서 실행 (/bin/sh -c)(&amp;S)</translation>
    </message>
    <message>
        <source>Let /bin/sh run the command: pipes, redirections, variables</source>
        <translation>/bin/sh가 명령을 실행하게 합니다: 파이프, 리디렉션, 변수를 쓸 수 있습니다</translation>
    </message>
    <message>
        <source>The directory the process starts in; empty: the monitor&apos;s own</source>
        <translation>프로세스가 시작될 디렉터리입니다. 비워 두면 모니터의 작업 디렉터리를 사용합니다</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>찾아보기(&amp;B)…</translation>
    </message>
    <message>
        <source>Choose the working directory</source>
        <translation>작업 디렉터리를 선택합니다</translation>
    </message>
    <message>
        <source>Variables added to the environment, one NAME=value a line</source>
        <translation>환경에 추가할 변수입니다. 한 줄에 하나씩 NAME=value 형식으로 입력하십시오</translation>
    </message>
    <message>
        <source>Use a &amp;pseudo-terminal</source>
        <translation>의사 터미널 사용(&amp;P)</translation>
    </message>
    <message>
        <source>Run on a terminal: colours and line editing, stdout and stderr merged</source>
        <translation>터미널에서 실행합니다: 색상과 줄 편집을 쓸 수 있으며 stdout과 stderr가 합쳐집니다</translation>
    </message>
    <message>
        <source>Whether the process is started again when it ends</source>
        <translation>프로세스가 끝났을 때 다시 시작할지 여부</translation>
    </message>
    <message>
        <source>The wait before the first restart, doubled for each restart in a row</source>
        <translation>처음 다시 시작하기 전의 대기 시간입니다. 연속으로 다시 시작할 때마다 두 배가 됩니다</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>How many restarts in a row are allowed</source>
        <translation>연속으로 다시 시작할 수 있는 최대 횟수</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>제한 없음</translation>
    </message>
    <message>
        <source>&amp;Command:</source>
        <translation>명령(&amp;C):</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>이름(&amp;N):</translation>
    </message>
    <message>
        <source>&amp;Working directory:</source>
        <translation>작업 디렉터리(&amp;W):</translation>
    </message>
    <message>
        <source>&amp;Environment:</source>
        <translation>환경 변수(&amp;E):</translation>
    </message>
    <message>
        <source>&amp;Restart:</source>
        <translation>다시 시작(&amp;R):</translation>
    </message>
    <message>
        <source>&amp;Delay:</source>
        <translation>지연 시간(&amp;D):</translation>
    </message>
    <message>
        <source>&amp;Maximum restarts:</source>
        <translation>최대 다시 시작 횟수(&amp;M):</translation>
    </message>
    <message>
        <source>This directory does not exist: the process will fail to start.</source>
        <translation>이 디렉터리가 없습니다. 프로세스를 시작할 수 없게 됩니다.</translation>
    </message>
    <message>
        <source>Working Directory</source>
        <translation>작업 디렉터리</translation>
    </message>
</context>
<context>
    <name>aproc::monitor::LaunchSpecs</name>
    <message>
        <source>The command is empty.</source>
        <translation>명령이 비어 있습니다.</translation>
    </message>
    <message>
        <source>The environment entry &quot;%1&quot; is not NAME=value.</source>
        <translation>환경 변수 항목 &quot;%1&quot;이(가) NAME=value 형식이 아닙니다.</translation>
    </message>
    <message>
        <source>The maximum number of restarts cannot be negative.</source>
        <translation>최대 다시 시작 횟수는 음수일 수 없습니다.</translation>
    </message>
    <message>
        <source>The restart delay cannot be negative.</source>
        <translation>다시 시작 지연 시간은 음수일 수 없습니다.</translation>
    </message>
    <message>
        <source>Never</source>
        <extracomment>Restart policy</extracomment>
        <translation>안 함</translation>
    </message>
    <message>
        <source>On failure</source>
        <extracomment>Restart policy</extracomment>
        <translation>실패 시</translation>
    </message>
    <message>
        <source>Always</source>
        <extracomment>Restart policy</extracomment>
        <translation>항상</translation>
    </message>
</context>
<context>
    <name>aproc::monitor::MainWindow</name>
    <message>
        <source>Aproc Monitor</source>
        <translation>Aproc 모니터</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>준비</translation>
    </message>
    <message>
        <source>Running: %1</source>
        <translation>실행 중: %1</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>실패: %1</translation>
    </message>
    <message>
        <source>Scrollback Limit</source>
        <translation>스크롤백 제한</translation>
    </message>
    <message>
        <source>Lines each console keeps:</source>
        <translation>콘솔마다 유지할 줄 수:</translation>
    </message>
    <message>
        <source>Save Console Output</source>
        <translation>콘솔 출력 저장</translation>
    </message>
    <message>
        <source>Text files (*.txt *.log)</source>
        <translation>텍스트 파일 (*.txt *.log)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>모든 파일 (*)</translation>
    </message>
    <message>
        <source>Saved the console to %1</source>
        <translation>콘솔을 %1에 저장했습니다</translation>
    </message>
    <message>
        <source>&amp;Process</source>
        <translation>프로세스(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <source>Main Toolbar</source>
        <translation>주 도구 모음</translation>
    </message>
    <message>
        <source>Filter by name or command</source>
        <translation>이름 또는 명령으로 필터링</translation>
    </message>
</context>
<context>
    <name>aproc::monitor::MonitorActions</name>
    <message>
        <source>&amp;Open Procfile…</source>
        <translation>Procfile 열기(&amp;O)…</translation>
    </message>
    <message>
        <source>Load the commands of a Procfile and start them</source>
        <translation>Procfile의 명령을 불러와 시작합니다</translation>
    </message>
    <message>
        <source>&amp;Save Procfile…</source>
        <translation>Procfile 저장(&amp;S)…</translation>
    </message>
    <message>
        <source>Save every command as a Procfile</source>
        <translation>모든 명령을 Procfile로 저장합니다</translation>
    </message>
    <message>
        <source>Open &amp;Demo Session</source>
        <translation>데모 세션 열기(&amp;D)</translation>
    </message>
    <message>
        <source>Start the demonstration processes</source>
        <translation>데모 프로세스를 시작합니다</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>끝내기(&amp;Q)</translation>
    </message>
    <message>
        <source>Stop every process and close Aproc Monitor</source>
        <translation>모든 프로세스를 중지하고 Aproc 모니터를 닫습니다</translation>
    </message>
    <message>
        <source>&amp;Launch…</source>
        <translation>실행(&amp;L)…</translation>
    </message>
    <message>
        <source>Start a new command</source>
        <translation>새 명령을 시작합니다</translation>
    </message>
    <message>
        <source>S&amp;tart</source>
        <translation>시작(&amp;T)</translation>
    </message>
    <message>
        <source>Start the selected process again</source>
        <translation>선택한 프로세스를 다시 시작합니다</translation>
    </message>
    <message>
        <source>St&amp;op</source>
        <translation>중지(&amp;O)</translation>
    </message>
    <message>
        <source>Terminate the selected process; kill it if it does not end</source>
        <translation>선택한 프로세스에 종료를 요청하고, 끝나지 않으면 강제 종료합니다</translation>
    </message>
    <message>
        <source>&amp;Restart</source>
        <translation>다시 시작(&amp;R)</translation>
    </message>
    <message>
        <source>Stop the selected process and start it again</source>
        <translation>선택한 프로세스를 중지한 다음 다시 시작합니다</translation>
    </message>
    <message>
        <source>&amp;Kill</source>
        <translation>강제 종료(&amp;K)</translation>
    </message>
    <message>
        <source>Send &amp;Signal…</source>
        <translation>시그널 보내기(&amp;S)…</translation>
    </message>
    <message>
        <source>Send any signal to the selected process or its group</source>
        <translation>선택한 프로세스나 그 프로세스 그룹에 원하는 시그널을 보냅니다</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>제거(&amp;M)</translation>
    </message>
    <message>
        <source>Remove the selected process from the list, killing it</source>
        <translation>선택한 프로세스를 강제 종료하고 목록에서 제거합니다</translation>
    </message>
    <message>
        <source>&amp;Clear Finished</source>
        <translation>끝난 프로세스 지우기(&amp;C)</translation>
    </message>
    <message>
        <source>Remove every process that has ended</source>
        <translation>끝난 프로세스를 모두 목록에서 제거합니다</translation>
    </message>
    <message>
        <source>Start &amp;All</source>
        <translation>모두 시작(&amp;A)</translation>
    </message>
    <message>
        <source>Start every process that is not running</source>
        <translation>실행 중이 아닌 프로세스를 모두 시작합니다</translation>
    </message>
    <message>
        <source>Stop A&amp;ll</source>
        <translation>모두 중지(&amp;L)</translation>
    </message>
    <message>
        <source>Stop every running process</source>
        <translation>실행 중인 프로세스를 모두 중지합니다</translation>
    </message>
    <message>
        <source>&amp;Find in Console…</source>
        <translation>콘솔에서 찾기(&amp;F)…</translation>
    </message>
    <message>
        <source>Search the console with text or a regular expression</source>
        <translation>텍스트나 정규식으로 콘솔을 검색합니다</translation>
    </message>
    <message>
        <source>&amp;Follow Output</source>
        <translation>출력 따라가기(&amp;F)</translation>
    </message>
    <message>
        <source>Keep the console scrolled to the newest output</source>
        <translation>콘솔이 항상 최신 출력을 보여 주도록 스크롤합니다</translation>
    </message>
    <message>
        <source>&amp;Timestamps</source>
        <translation>타임스탬프(&amp;T)</translation>
    </message>
    <message>
        <source>Show when each line arrived</source>
        <translation>각 줄이 도착한 시각을 보여 줍니다</translation>
    </message>
    <message>
        <source>C&amp;lear Console</source>
        <translation>콘솔 지우기(&amp;L)</translation>
    </message>
    <message>
        <source>Clear the visible console</source>
        <translation>현재 보이는 콘솔을 지웁니다</translation>
    </message>
    <message>
        <source>Save Console &amp;Output…</source>
        <translation>콘솔 출력 저장(&amp;O)…</translation>
    </message>
    <message>
        <source>Save the visible console&apos;s text to a file</source>
        <translation>현재 보이는 콘솔의 텍스트를 파일로 저장합니다</translation>
    </message>
    <message>
        <source>Filter &amp;Processes</source>
        <translation>프로세스 필터(&amp;P)</translation>
    </message>
    <message>
        <source>Type to filter the process list</source>
        <translation>입력하여 프로세스 목록을 필터링합니다</translation>
    </message>
    <message>
        <source>Type &amp;Input</source>
        <translation>입력하기(&amp;I)</translation>
    </message>
    <message>
        <source>Type a line for the selected process&apos;s standard input</source>
        <translation>선택한 프로세스의 표준 입력으로 보낼 줄을 입력합니다</translation>
    </message>
    <message>
        <source>Scroll&amp;back Limit…</source>
        <translation>스크롤백 제한(&amp;B)…</translation>
    </message>
    <message>
        <source>Set how many lines each console keeps</source>
        <translation>콘솔마다 유지할 줄 수를 설정합니다</translation>
    </message>
    <message>
        <source>&amp;About Aproc Monitor</source>
        <translation>Aproc 모니터 정보(&amp;A)</translation>
    </message>
    <message>
        <source>Show the version of Aproc Monitor</source>
        <translation>Aproc 모니터의 버전을 보여 줍니다</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Qt 정보(&amp;Q)</translation>
    </message>
    <message>
        <source>Show the version of Qt</source>
        <translation>Qt의 버전을 보여 줍니다</translation>
    </message>
    <message>
        <source>Kill the selected process and what it started at once (SIGKILL)</source>
        <translation>선택한 프로세스와 그 프로세스가 시작한 프로세스를 즉시 강제 종료합니다(SIGKILL)</translation>
    </message>
</context>
<context>
    <name>aproc::monitor::ProcessColumns</name>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>명령</translation>
    </message>
    <message>
        <source>PID</source>
        <extracomment>Process identifier</extracomment>
        <translation>PID</translation>
    </message>
    <message>
        <source>State</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Exit</source>
        <extracomment>Exit code or the name of the signal that killed the process</extracomment>
        <translation>종료 상태</translation>
    </message>
    <message>
        <source>Started</source>
        <extracomment>The time the process was started</extracomment>
        <translation>시작 시각</translation>
    </message>
    <message>
        <source>Run time</source>
        <translation>실행 시간</translation>
    </message>
    <message>
        <source>CPU %</source>
        <translation>CPU %</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>메모리</translation>
    </message>
    <message>
        <source>Restarts</source>
        <translation>다시 시작 횟수</translation>
    </message>
    <message>
        <source>Activity</source>
        <extracomment>A small chart of the recent CPU and memory use</extracomment>
        <translation>활동</translation>
    </message>
    <message>
        <source>%1 s</source>
        <extracomment>A run time under a minute, in seconds</extracomment>
        <translation>%1초</translation>
    </message>
    <message>
        <source>running</source>
        <translation>실행 중</translation>
    </message>
    <message>
        <source>sleeping</source>
        <translation>휴면 중</translation>
    </message>
    <message>
        <source>waiting</source>
        <extracomment>Uninterruptible sleep, usually waiting for a disk</extracomment>
        <translation>대기 중</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>일시 정지됨</translation>
    </message>
    <message>
        <source>traced</source>
        <translation>추적 중</translation>
    </message>
    <message>
        <source>zombie</source>
        <translation>좀비</translation>
    </message>
    <message>
        <source>dead</source>
        <translation>소멸됨</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>유휴</translation>
    </message>
</context>
<context>
    <name>aproc::monitor::ProcessListModel</name>
    <message>
        <source>CPU: %1 %, memory: %2</source>
        <translation>CPU: %1 %, 메모리: %2</translation>
    </message>
</context>
<context>
    <name>aproc::monitor::ProcessManager</name>
    <message>
        <source>%1 was killed by %2</source>
        <translation>%1이(가) %2 시그널로 강제 종료되었습니다</translation>
    </message>
    <message>
        <source>%1 exited with code %2</source>
        <translation>%1이(가) 종료되었습니다(종료 코드 %2)</translation>
    </message>
</context>
<context>
    <name>aproc::monitor::ProcessStates</name>
    <message>
        <source>starting</source>
        <translation>시작 중</translation>
    </message>
    <message>
        <source>running</source>
        <translation>실행 중</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>일시 정지됨</translation>
    </message>
    <message>
        <source>exited</source>
        <translation>종료됨</translation>
    </message>
    <message>
        <source>killed</source>
        <translation>강제 종료됨</translation>
    </message>
    <message>
        <source>failed to start</source>
        <translation>시작 실패</translation>
    </message>
    <message>
        <source>output held</source>
        <translation>출력 유지 중</translation>
    </message>
    <message>
        <source>exited %1 — output held</source>
        <translation>종료됨 %1 — 출력 유지 중</translation>
    </message>
    <message numerus="yes">
        <source>exited %1 — output held by %n process(es)</source>
        <translation>
            <numerusform>종료됨 %1 — 프로세스 %n개가 출력을 유지 중</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>aproc::monitor::Procfile</name>
    <message>
        <source>No entry follows these options.</source>
        <translation>이 옵션 뒤에 항목이 없습니다.</translation>
    </message>
    <message>
        <source>Expected &quot;name: command&quot;.</source>
        <translation>&quot;이름: 명령&quot; 형식이어야 합니다.</translation>
    </message>
    <message>
        <source>Invalid name &quot;%1&quot;: use letters, digits, _ and -.</source>
        <translation>잘못된 이름 &quot;%1&quot;: 문자, 숫자, _, -만 사용하십시오.</translation>
    </message>
    <message>
        <source>The entry &quot;%1&quot; has no command.</source>
        <translation>항목 &quot;%1&quot;에 명령이 없습니다.</translation>
    </message>
    <message>
        <source>Duplicate name &quot;%1&quot; (first on line %2).</source>
        <translation>이름 &quot;%1&quot;이(가) 중복됩니다(처음 나온 줄: %2).</translation>
    </message>
    <message>
        <source>Cannot save %1: %2</source>
        <translation>%1을(를) 저장할 수 없습니다: %2</translation>
    </message>
    <message>
        <source>milliseconds</source>
        <translation>밀리초</translation>
    </message>
    <message>
        <source>a number, 0 for no limit</source>
        <translation>숫자, 0은 제한 없음</translation>
    </message>
    <message>
        <source>a directory</source>
        <translation>디렉터리</translation>
    </message>
    <message>
        <source>Unknown option &quot;%1&quot;.</source>
        <translation>알 수 없는 옵션 &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>Bad value &quot;%1&quot; for %2 (expected %3).</source>
        <translation>%2의 값 &quot;%1&quot;이(가) 잘못되었습니다(필요한 값: %3).</translation>
    </message>
    <message>
        <source>Bad options: %1</source>
        <translation>잘못된 옵션: %1</translation>
    </message>
    <message>
        <source>Expected key=value instead of &quot;%1&quot;.</source>
        <translation>&quot;%1&quot; 대신 key=value 형식이어야 합니다.</translation>
    </message>
</context>
<context>
    <name>aproc::monitor::ProcfileIssue</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1:%2: %3</source>
        <translation>%1:%2: %3</translation>
    </message>
</context>
<context>
    <name>aproc::monitor::Sessions</name>
    <message>
        <source>the demo session</source>
        <translation>데모 세션</translation>
    </message>
    <message>
        <source>Some lines of %1 were not loaded</source>
        <translation>%1의 일부 줄을 불러오지 못했습니다</translation>
    </message>
    <message numerus="yes">
        <source>Started %n command(s) from %1</source>
        <translation>
            <numerusform>%1에서 명령 %n개를 시작했습니다</numerusform>
        </translation>
    </message>
    <message>
        <source>The Procfile was not saved</source>
        <translation>Procfile을 저장하지 못했습니다</translation>
    </message>
    <message numerus="yes">
        <source>Saved %n command(s) to %1</source>
        <translation>
            <numerusform>명령 %n개를 %1에 저장했습니다</numerusform>
        </translation>
    </message>
    <message>
        <source>Open Procfile</source>
        <translation>Procfile 열기</translation>
    </message>
    <message>
        <source>Procfiles (Procfile *.procfile Procfile.*)</source>
        <translation>Procfile (Procfile *.procfile Procfile.*)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>모든 파일 (*)</translation>
    </message>
    <message>
        <source>Save Procfile</source>
        <translation>Procfile 저장</translation>
    </message>
</context>
<context>
    <name>aproc::monitor::ShutdownDialog</name>
    <message>
        <source>Stopping Processes</source>
        <translation>프로세스 중지 중</translation>
    </message>
    <message>
        <source>&amp;Kill Now</source>
        <translation>지금 강제 종료(&amp;K)</translation>
    </message>
    <message>
        <source>Send SIGKILL to every process still running</source>
        <translation>아직 실행 중인 모든 프로세스에 SIGKILL을 보냅니다</translation>
    </message>
    <message>
        <source>%1 (pid %2)</source>
        <translation>%1 (PID %2)</translation>
    </message>
    <message numerus="yes">
        <source>Waiting for %n process(es) to stop. Those that ignore SIGTERM get SIGKILL when the grace period ends.</source>
        <translation>
            <numerusform>프로세스 %n개가 중지되기를 기다리는 중입니다. SIGTERM을 무시하는 프로세스는 유예 시간이 끝나면 SIGKILL을 받습니다.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>aproc::monitor::SignalMenu</name>
    <message>
        <source>Sent %1 to the process group of %2 (pid %3)</source>
        <translation>%2(PID %3)의 프로세스 그룹에 %1을(를) 보냈습니다</translation>
    </message>
    <message>
        <source>Sent %1 to %2 (pid %3)</source>
        <translation>%2(PID %3)에 %1을(를) 보냈습니다</translation>
    </message>
    <message>
        <source>&amp;Signal</source>
        <translation>시그널(&amp;S)</translation>
    </message>
    <message>
        <source>No running process selected</source>
        <translation>선택한 실행 중인 프로세스가 없습니다</translation>
    </message>
    <message>
        <source>%1 (pid %2)</source>
        <translation>%1 (PID %2)</translation>
    </message>
    <message>
        <source>To the Whole &amp;Group</source>
        <translation>프로세스 그룹 전체에(&amp;G)</translation>
    </message>
    <message>
        <source>Process group %1</source>
        <translation>프로세스 그룹 %1</translation>
    </message>
    <message>
        <source>&amp;Other Signals</source>
        <translation>기타 시그널(&amp;O)</translation>
    </message>
</context>
<context>
    <name>aproc::monitor::SignalNames</name>
    <message>
        <source>Hang up</source>
        <translation>끊기</translation>
    </message>
    <message>
        <source>Interrupt</source>
        <translation>인터럽트</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>끝내기</translation>
    </message>
    <message>
        <source>Illegal instruction</source>
        <translation>잘못된 명령어</translation>
    </message>
    <message>
        <source>Trace trap</source>
        <translation>추적 트랩</translation>
    </message>
    <message>
        <source>Abort</source>
        <translation>중단</translation>
    </message>
    <message>
        <source>Bus error</source>
        <translation>버스 오류</translation>
    </message>
    <message>
        <source>Floating-point exception</source>
        <translation>부동 소수점 예외</translation>
    </message>
    <message>
        <source>Kill</source>
        <translation>강제 종료</translation>
    </message>
    <message>
        <source>User 1</source>
        <translation>사용자 정의 1</translation>
    </message>
    <message>
        <source>Segmentation fault</source>
        <translation>세그멘테이션 오류</translation>
    </message>
    <message>
        <source>User 2</source>
        <translation>사용자 정의 2</translation>
    </message>
    <message>
        <source>Broken pipe</source>
        <translation>파이프 끊어짐</translation>
    </message>
    <message>
        <source>Alarm clock</source>
        <translation>알람 시계</translation>
    </message>
    <message>
        <source>Terminate</source>
        <translation>종료 요청</translation>
    </message>
    <message>
        <source>Stack fault</source>
        <translation>스택 오류</translation>
    </message>
    <message>
        <source>Child changed</source>
        <translation>자식 프로세스 상태 변경</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>계속</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>일시 정지</translation>
    </message>
    <message>
        <source>Terminal stop</source>
        <translation>터미널 일시 정지</translation>
    </message>
    <message>
        <source>Terminal input in background</source>
        <translation>백그라운드 터미널 입력</translation>
    </message>
    <message>
        <source>Terminal output in background</source>
        <translation>백그라운드 터미널 출력</translation>
    </message>
    <message>
        <source>Urgent I/O</source>
        <translation>긴급 I/O</translation>
    </message>
    <message>
        <source>CPU time exceeded</source>
        <translation>CPU 시간 초과</translation>
    </message>
    <message>
        <source>File size exceeded</source>
        <translation>파일 크기 초과</translation>
    </message>
    <message>
        <source>Virtual alarm</source>
        <translation>가상 타이머 알람</translation>
    </message>
    <message>
        <source>Profiling alarm</source>
        <translation>프로파일링 타이머 알람</translation>
    </message>
    <message>
        <source>Window changed</source>
        <translation>창 크기 변경</translation>
    </message>
    <message>
        <source>I/O possible</source>
        <translation>I/O 가능</translation>
    </message>
    <message>
        <source>Power failure</source>
        <translation>전원 장애</translation>
    </message>
    <message>
        <source>Bad system call</source>
        <translation>잘못된 시스템 호출</translation>
    </message>
    <message>
        <source>signal %1</source>
        <translation>시그널 %1</translation>
    </message>
    <message>
        <source>Real-time signal %1</source>
        <translation>실시간 시그널 %1</translation>
    </message>
    <message>
        <source>Unknown signal</source>
        <translation>알 수 없는 시그널</translation>
    </message>
</context>
<context>
    <name>aproc::monitor::StdinBar</name>
    <message>
        <source>Type a line for the process&apos;s standard input</source>
        <translation>프로세스의 표준 입력으로 보낼 줄을 입력하십시오</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>보내기</translation>
    </message>
    <message>
        <source>Send the line and a newline to the process (Return)</source>
        <translation>입력한 줄과 줄바꿈을 프로세스에 보냅니다 (Return)</translation>
    </message>
    <message>
        <source>EOF</source>
        <translation>EOF</translation>
    </message>
    <message>
        <source>Close the process&apos;s standard input (end of file)</source>
        <translation>프로세스의 표준 입력을 닫습니다 (파일 끝, EOF)</translation>
    </message>
</context>
</TS>
