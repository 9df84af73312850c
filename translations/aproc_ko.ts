<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
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
        <source>&amp;Quit</source>
        <translation>끝내기(&amp;Q)</translation>
    </message>
    <message>
        <source>Close Aproc Monitor</source>
        <translation>Aproc 모니터를 닫습니다</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
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
        <source>Ready</source>
        <translation>준비</translation>
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
</context>
</TS>
