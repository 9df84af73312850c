// SPDX-License-Identifier: MIT
// Aproc Monitor under a flood: the real MainWindow (offscreen unless QT_QPA_PLATFORM says
// otherwise) runs N children that print coloured lines as fast as they can, for S seconds.
// Measured: how late a 10 ms probe timer fires from the first second on (the window's
// event-loop latency: what a click or a repaint waits for), the monitor's own RSS each second,
// and the output it took in.
//   --children N     (default 100)
//   --seconds S      (default 30)
//   --scrollback L   lines each console keeps (default the window's, 10000)
//   --merged         show the merged console ("All Output", every child's lines) instead of
//                    the first child's
// Prints {"value": p99 latency in ms, "extra": {...}} as its last line.
#include "console/consoleview.h"
#include "processes/managedprocess.h"
#include "processes/processmanager.h"
#include "window/consolepanel.h"
#include "window/mainwindow.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QSettings>
#include <QtCore/QStandardPaths>
#include <QtCore/QTimer>
#include <QtWidgets/QApplication>
#include <QtWidgets/QTabWidget>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

using namespace std::chrono_literals;
using namespace Qt::StringLiterals;
using aproc::monitor::LaunchSpec;
using aproc::monitor::MainWindow;
using aproc::monitor::ManagedProcess;

namespace {

struct Options
{
    int children = 100;
    int seconds = 30;
    int scrollback = 0; // 0: the window's default
    bool merged = false;
};

Options parse(int argc, char **argv)
{
    Options options;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--merged") == 0) {
            options.merged = true;
            continue;
        }
        if (i + 1 >= argc)
            break;
        const int value = std::atoi(argv[++i]);
        if (std::strcmp(argv[i - 1], "--children") == 0)
            options.children = value;
        else if (std::strcmp(argv[i - 1], "--seconds") == 0)
            options.seconds = value;
        else if (std::strcmp(argv[i - 1], "--scrollback") == 0)
            options.scrollback = value;
    }
    return options;
}

[[noreturn]] void fail(const char *what)
{
    std::fprintf(stderr, "bench_monitor_flood: %s\n", what);
    std::exit(1);
}

/*! VmRSS of this process in KiB. */
long residentKib()
{
    FILE *status = std::fopen("/proc/self/status", "r");
    if (!status)
        return -1;
    char line[256];
    long kib = -1;
    while (std::fgets(line, sizeof line, status)) {
        if (std::sscanf(line, "VmRSS: %ld kB", &kib) == 1)
            break;
    }
    std::fclose(status);
    return kib;
}

double percentile(std::vector<double> values, double fraction)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto index = std::size_t(fraction * double(values.size() - 1) + 0.5);
    return values[std::min(index, values.size() - 1)];
}

/*! One child: a coloured line with a counter-free payload, printed by yes(1) as fast as the pipe
 *  takes it, on a pipe (not a pty), so that the monitor, not a terminal, is the bottleneck. */
LaunchSpec floodSpec(int index)
{
    LaunchSpec spec;
    spec.name = u"flood-%1"_s.arg(index, 3, 10, QLatin1Char('0'));
    const int colour = 31 + index % 7;
    spec.command = u"exec yes \"$(printf '\\033[1;%1mflood %2\\033[0m the quick brown fox jumps "
                   u"over the lazy dog')\""_s.arg(colour)
                           .arg(index);
    spec.shell = true;
    return spec;
}

/*! A timer that should fire every 10 ms; how late each firing is, in ms. */
class LatencyProbe : public QObject
{
public:
    explicit LatencyProbe(QObject *parent) : QObject(parent)
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setSingleShot(true);
        connect(&m_timer, &QTimer::timeout, this, [this] { fired(); });
    }
    void start()
    {
        m_clock.start();
        arm();
    }
    const std::vector<double> &lateness() const { return m_lateness; }

private:
    static constexpr qint64 PeriodNs = 10'000'000;
    void arm()
    {
        m_due = m_clock.nsecsElapsed() + PeriodNs;
        m_timer.start(10ms);
    }
    void fired()
    {
        m_lateness.push_back(double(std::max<qint64>(0, m_clock.nsecsElapsed() - m_due)) / 1e6);
        arm();
    }
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_due = 0;
    std::vector<double> m_lateness;
};

} // namespace

int main(int argc, char **argv)
{
    const Options options = parse(argc, argv);
    if (options.children <= 0 || options.seconds <= 0)
        fail("--children and --seconds must be positive");
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QStandardPaths::setTestModeEnabled(true); // never the user's own settings
    QApplication application(argc, argv);
    QApplication::setOrganizationName(u"Aproc"_s);
    QApplication::setApplicationName(u"Aproc Monitor Bench"_s);
    QSettings().clear();

    MainWindow window;
    window.resize(1280, 800);
    window.show();
    if (options.scrollback > 0)
        window.consolePanel()->setScrollbackLines(options.scrollback);
    if (options.merged) {
        auto *tabs = window.consolePanel()->findChild<QTabWidget *>(u"consoleTabs"_s);
        if (!tabs)
            fail("no console tabs");
        tabs->setCurrentWidget(window.consolePanel()->mergedConsole());
    }

    qint64 bytes = 0;
    QObject::connect(window.processManager(), &aproc::monitor::ProcessManager::processAdded,
                     &window, [&bytes](ManagedProcess *process) {
                         QObject::connect(
                                 process, &ManagedProcess::outputReceived, process,
                                 [&bytes](int, const QByteArray &data) { bytes += data.size(); });
                     });
    for (int i = 0; i < options.children; ++i)
        window.launch(floodSpec(i));

    // The probe starts once the children run: the launch of 100 at once is one burst of spawns,
    // not the steady flood this measures.
    LatencyProbe probe(&window);
    QTimer::singleShot(1s, &probe, [&probe] { probe.start(); });
    std::vector<long> rssKib;
    QTimer sampler;
    QObject::connect(&sampler, &QTimer::timeout, [&rssKib] { rssKib.push_back(residentKib()); });
    sampler.start(1s);
    QElapsedTimer wall;
    wall.start();
    double seconds = 0;
    qint64 bytesTaken = 0;
    // The measurement ends here; the window's destructor then kills every child's group (the
    // orderly stop of a flooded window, which first hands on what is queued, is not measured).
    QTimer::singleShot(std::chrono::seconds(options.seconds), &window, [&] {
        sampler.stop();
        seconds = double(wall.elapsed()) / 1000.0;
        bytesTaken = bytes;
        QCoreApplication::quit();
    });
    application.exec();

    if (rssKib.size() < 2 || probe.lateness().empty())
        fail("no samples");
    if (bytesTaken == 0)
        fail("no output reached the window");
    const long peakKib = *std::max_element(rssKib.begin(), rssKib.end());
    const long twoThirdsKib = rssKib[rssKib.size() * 2 / 3];
    const std::vector<double> &lateness = probe.lateness();
    std::printf("{\"value\": %.4g, \"extra\": {\"p50_ms\": %.4g, \"max_ms\": %.4g, "
                "\"rss_peak_mib\": %.4g, \"rss_growth_last_third_mib\": %.4g, "
                "\"output_mb_per_s\": %.4g}}\n",
                percentile(lateness, 0.99), percentile(lateness, 0.50), percentile(lateness, 1.0),
                double(peakKib) / 1024.0, double(rssKib.back() - twoThirdsKib) / 1024.0,
                double(bytesTaken) / 1e6 / seconds);
    return 0;
}
