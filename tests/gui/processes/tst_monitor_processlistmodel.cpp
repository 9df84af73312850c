// SPDX-License-Identifier: MIT
// The process list model and its filter proxy against real children: rows for launched
// processes, descendant rows that come and go, cells updated with dataChanged only (never a
// reset), the filter, numeric sorting, a view's selection that follows its process, a row's
// totals that are its whole tree's, and the state of a child whose output is held.
#include "../../support/children.h"
#include "processes/managedprocess.h"
#include "processes/processcolumns.h"
#include "processes/processfilterproxymodel.h"
#include "processes/processlistmodel.h"
#include "processes/processmanager.h"
#include "processes/processsampler.h"

#include <aproc/shell.h>

#include <QtTest/QAbstractItemModelTester>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>
#include <QtWidgets/QTreeView>

#include <csignal>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace aproc::monitor;

namespace {
constexpr int childTimeout = 20000;

QString helper()
{
    return aproc::shellQuote(QStringLiteral(APROC_TEST_HELPER));
}

LaunchSpec spec(const QString &name, const QString &command, bool shell = false)
{
    LaunchSpec spec;
    spec.name = name;
    spec.command = command;
    spec.shell = shell;
    return spec;
}

QString cell(const QModelIndex &row, ProcessColumn column)
{
    return row.siblingAtColumn(int(column)).data().toString();
}

/*! The number behind a numeric cell (its SortRole). */
double number(const QModelIndex &row, ProcessColumn column)
{
    return row.siblingAtColumn(int(column)).data(ProcessListModel::SortRole).toDouble();
}

/*! The resident set of \a pid now, in bytes; 0 when it is gone. */
qint64 rssOf(qint64 pid)
{
    const std::optional<ProcessStat> stat = procfs::readStat(pid);
    return stat ? stat->rssBytes : 0;
}

/*! The pids of the descendant rows under \a parent. */
QList<qint64> descendantPids(const QAbstractItemModel &model, const QModelIndex &parent)
{
    QList<qint64> pids;
    for (int row = 0; row < model.rowCount(parent); ++row)
        pids.append(model.index(row, 0, parent).data(ProcessListModel::PidRole).toLongLong());
    return pids;
}

/*! The model and proxy under test, each watched by a QAbstractItemModelTester. */
struct Fixture
{
    Fixture()
    {
        sampler.setInterval(100ms);
        proxy.setSourceModel(&model);
    }

    ProcessManager manager;
    ProcessSampler sampler;
    ProcessListModel model{&manager, &sampler};
    ProcessFilterProxyModel proxy;
    QAbstractItemModelTester modelTester{&model,
                                         QAbstractItemModelTester::FailureReportingMode::QtTest};
    QAbstractItemModelTester proxyTester{&proxy,
                                         QAbstractItemModelTester::FailureReportingMode::QtTest};
    QSignalSpy resets{&model, &QAbstractItemModel::modelReset};
};
} // namespace

class TestProcessListModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void columns();
    void cellText();
    void rowsForLaunchedProcesses();
    void cellsChangeWithDataChangedOnly();
    void descendantsComeAndGo();
    void filterByNameOrCommand();
    void numericSort();
    void selectionFollowsTheProcess();
    void totalsAreTheWholeTree();
    void heldOutputIsShown();
};

void TestProcessListModel::columns()
{
    ProcessManager manager;
    ProcessListModel model(&manager);
    QCOMPARE(model.columnCount(), processColumnCount);
    QCOMPARE(model.headerData(int(ProcessColumn::Restarts), Qt::Horizontal), u"Restarts"_s);
    QCOMPARE(model.headerData(int(ProcessColumn::Activity), Qt::Horizontal), u"Activity"_s);
    QVERIFY(model.sampler());
}

void TestProcessListModel::cellText()
{
    QCOMPARE(ProcessColumns::runTimeText(42s), u"42 s"_s);
    QCOMPARE(ProcessColumns::runTimeText(123s), u"2:03"_s);
    QCOMPARE(ProcessColumns::runTimeText(3723s), u"1:02:03"_s);
    QCOMPARE(ProcessColumns::memoryText(12 * 1024 * 1024 + 300 * 1024), u"12.3 MiB"_s);
    QCOMPARE(ProcessColumns::kernelStateTitle('Z'), u"zombie"_s);
    QCOMPARE(ProcessColumns::commandLineText({u"a b"_s, u"c"_s}, u"x"_s), u"'a b' c"_s);
    QCOMPARE(ProcessColumns::commandLineText({}, u"kworker"_s), u"[kworker]"_s);
}

void TestProcessListModel::rowsForLaunchedProcesses()
{
    Fixture f;
    QSignalSpy inserted(&f.model, &QAbstractItemModel::rowsInserted);
    QVERIFY(inserted.isValid() && f.resets.isValid());
    ManagedProcess *first = f.manager.launch(spec(u"first"_s, helper() + u" sleep 30"_s));
    ManagedProcess *second = f.manager.launch(spec(u"second"_s, helper() + u" sleep 30"_s));
    QCOMPARE(f.model.rowCount(), 2);
    QCOMPARE(f.model.processAt(f.model.index(1, 0)), second);
    QCOMPARE(f.model.indexOf(first).row(), 0);
    QCOMPARE(f.model.index(0, 0).data(ProcessListModel::ProcessRole).value<ManagedProcess *>(),
             first);
    QCOMPARE(cell(f.model.index(0, 0), ProcessColumn::Name), u"first"_s);
    QTRY_COMPARE_WITH_TIMEOUT(cell(f.model.index(1, 0), ProcessColumn::State), u"running"_s,
                              childTimeout);
    QCOMPARE(cell(f.model.index(1, 0), ProcessColumn::Pid), QString::number(second->pid()));
    QCOMPARE(f.model.index(1, 0).data(ProcessListModel::PidRole).toLongLong(), second->pid());
    QTRY_VERIFY_WITH_TIMEOUT(!cell(f.model.index(1, 0), ProcessColumn::Memory).isEmpty(),
                             childTimeout);
    QVERIFY(!f.model.index(1, 0).data(ProcessListModel::IsDescendantRole).toBool());
    QVERIFY(f.model.index(0, int(ProcessColumn::Command))
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(u"sleep 30"_s));

    QSignalSpy removed(&f.model, &QAbstractItemModel::rowsRemoved);
    f.manager.remove(first);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(f.model.rowCount(), 1);
    QCOMPARE(f.model.processAt(f.model.index(0, 0)), second);
    QCOMPARE(f.resets.count(), 0);
}

void TestProcessListModel::cellsChangeWithDataChangedOnly()
{
    Fixture f;
    QSignalSpy changed(&f.model, &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(&f.model, &QAbstractItemModel::rowsInserted);
    QVERIFY(changed.isValid() && inserted.isValid());
    ManagedProcess *process = f.manager.launch(spec(u"sleeper"_s, helper() + u" sleep 30"_s));
    const QModelIndex row = f.model.indexOf(process);
    QTRY_COMPARE_WITH_TIMEOUT(cell(row, ProcessColumn::State), u"running"_s, childTimeout);
    QCOMPARE(cell(row, ProcessColumn::Pid), QString::number(process->pid()));

    // While it runs, the sampler and the clock change CPU, memory and run time cells only.
    changed.clear();
    QTRY_VERIFY_WITH_TIMEOUT(changed.count() >= 3, childTimeout);
    for (const QList<QVariant> &arguments : std::as_const(changed)) {
        const auto topLeft = arguments.at(0).value<QModelIndex>();
        const auto bottomRight = arguments.at(1).value<QModelIndex>();
        QCOMPARE(topLeft.row(), 0);
        QCOMPARE(bottomRight.row(), 0);
        QVERIFY2(topLeft.column() >= int(ProcessColumn::RunTime),
                 qPrintable(QString::number(topLeft.column())));
    }

    changed.clear();
    process->sendSignal(SIGKILL);
    QTRY_COMPARE_WITH_TIMEOUT(cell(row, ProcessColumn::Exit), u"SIGKILL"_s, childTimeout);
    QCOMPARE(cell(row, ProcessColumn::State), u"killed"_s);
    QCOMPARE(row.siblingAtColumn(int(ProcessColumn::Name)).data(Qt::ForegroundRole).value<QColor>(),
             QColor(Qt::red));
    QVERIFY(std::any_of(changed.cbegin(), changed.cend(), [](const QList<QVariant> &arguments) {
        return arguments.at(0).value<QModelIndex>().column() <= int(ProcessColumn::State)
               && arguments.at(1).value<QModelIndex>().column() >= int(ProcessColumn::Exit);
    }));
    QTRY_VERIFY_WITH_TIMEOUT(cell(row, ProcessColumn::Memory).isEmpty(), childTimeout);
    QCOMPARE(inserted.count(), 1); // the process's row, and nothing else
    QCOMPARE(f.resets.count(), 0);
}

void TestProcessListModel::descendantsComeAndGo()
{
    Fixture f;
    QSignalSpy removed(&f.model, &QAbstractItemModel::rowsRemoved);
    QVERIFY(removed.isValid());
    // sh -> helper (twice, one after the other); `; :` keeps sh from exec'ing the second.
    const QString command = helper() + u" sleep 30; "_s + helper() + u" sleep 31; :"_s;
    ManagedProcess *process = f.manager.launch(spec(u"shell"_s, command, true));
    const QModelIndex parent = f.model.indexOf(process);
    QTRY_COMPARE_WITH_TIMEOUT(f.model.rowCount(parent), 1, childTimeout);
    QModelIndex child = f.model.index(0, 0, parent);
    QTRY_VERIFY_WITH_TIMEOUT(cell(child, ProcessColumn::Command).endsWith(u"sleep 30"_s),
                             childTimeout);
    const qint64 firstPid = child.data(ProcessListModel::PidRole).toLongLong();
    QVERIFY(child.data(ProcessListModel::IsDescendantRole).toBool());
    QCOMPARE(f.model.processAt(child), nullptr);
    QCOMPARE(f.model.parent(child), parent);
    QCOMPARE(cell(child, ProcessColumn::Name), u"aproc-test-helper"_s.left(15));
    QCOMPARE(cell(child, ProcessColumn::Pid), QString::number(firstPid));
    QTRY_COMPARE_WITH_TIMEOUT(cell(child, ProcessColumn::State), u"sleeping"_s, childTimeout);

    ::kill(pid_t(firstPid), SIGKILL); // the shell goes on to the second helper
    QTRY_VERIFY_WITH_TIMEOUT(f.model.rowCount(parent) == 1
                                     && cell(f.model.index(0, 0, parent), ProcessColumn::Command)
                                                .endsWith(u"sleep 31"_s),
                             childTimeout);
    QVERIFY(removed.count() >= 1);
    QCOMPARE(removed.first().at(0).value<QModelIndex>(), parent);
    const qint64 secondPid
            = f.model.index(0, 0, parent).data(ProcessListModel::PidRole).toLongLong();
    QVERIFY(secondPid != firstPid);

    ::kill(pid_t(secondPid), SIGKILL); // then the shell exits
    QTRY_COMPARE_WITH_TIMEOUT(cell(parent, ProcessColumn::State), u"exited"_s, childTimeout);
    QTRY_COMPARE_WITH_TIMEOUT(f.model.rowCount(parent), 0, childTimeout);
    QVERIFY(f.sampler.trackedPids().isEmpty());
    QCOMPARE(f.resets.count(), 0);
}

void TestProcessListModel::filterByNameOrCommand()
{
    Fixture f;
    f.manager.launch(spec(u"Alpha"_s, helper() + u" sleep 30"_s));
    // The descendant's command line is "<helper> sleep 31": only the descendant says that.
    const QString command = u"H="_s + helper() + u"; \"$H\" sleep 31; :"_s;
    ManagedProcess *beta = f.manager.launch(spec(u"beta"_s, command, true));
    const QModelIndex betaRow = f.model.indexOf(beta);
    QTRY_COMPARE_WITH_TIMEOUT(f.model.rowCount(betaRow), 1, childTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(
            cell(f.model.index(0, 0, betaRow), ProcessColumn::Command).endsWith(u"sleep 31"_s),
            childTimeout);
    QCOMPARE(f.proxy.rowCount(), 2);

    f.proxy.setFilterText(u"ALPHA"_s);
    QCOMPARE(f.proxy.rowCount(), 1);
    QCOMPARE(cell(f.proxy.index(0, 0), ProcessColumn::Name), u"Alpha"_s);

    f.proxy.setFilterText(u"helper sleep 31"_s); // matches beta's descendant only
    QCOMPARE(f.proxy.rowCount(), 1);
    QCOMPARE(cell(f.proxy.index(0, 0), ProcessColumn::Name), u"beta"_s);
    QCOMPARE(f.proxy.rowCount(f.proxy.index(0, 0)), 1);

    f.proxy.setFilterText(u"Beta"_s); // beta matches: its descendants stay too
    QCOMPARE(f.proxy.rowCount(), 1);
    QCOMPARE(f.proxy.rowCount(f.proxy.index(0, 0)), 1);

    f.proxy.setFilterText(u"nothing like it"_s);
    QCOMPARE(f.proxy.rowCount(), 0);
    f.proxy.setFilterText(QString());
    QCOMPARE(f.proxy.rowCount(), 2);
    QCOMPARE(f.resets.count(), 0);
}

void TestProcessListModel::numericSort()
{
    Fixture f;
    // Named 10, 9 and 100: as text "10" < "100" < "9".
    QList<ManagedProcess *> processes;
    for (const QString &name : {u"10"_s, u"9"_s, u"100"_s})
        processes.append(f.manager.add(spec(name, helper() + u" sleep 30"_s)));
    const QModelIndex pid = f.model.index(0, int(ProcessColumn::Pid));
    QCOMPARE(pid.data(ProcessListModel::SortRole).typeId(), QMetaType::LongLong);
    QCOMPARE(f.model.index(0, int(ProcessColumn::Restarts))
                     .data(ProcessListModel::SortRole)
                     .typeId(),
             QMetaType::Int);

    for (ManagedProcess *process : processes)
        process->start();
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(processes.cbegin(), processes.cend(),
                                         [](ManagedProcess *p) { return p->pid() > 0; }),
                             childTimeout);
    f.proxy.sort(int(ProcessColumn::Pid), Qt::AscendingOrder);
    QTRY_COMPARE_WITH_TIMEOUT(f.proxy.index(2, int(ProcessColumn::Pid)).data().toString().isEmpty(),
                              false, childTimeout);
    QList<qint64> pids;
    for (int row = 0; row < f.proxy.rowCount(); ++row)
        pids.append(f.proxy.index(row, 0).data(ProcessListModel::PidRole).toLongLong());
    QVERIFY(std::is_sorted(pids.cbegin(), pids.cend()));

    f.proxy.sort(int(ProcessColumn::Name), Qt::AscendingOrder);
    QCOMPARE(cell(f.proxy.index(0, 0), ProcessColumn::Name), u"10"_s); // names sort as text
    QCOMPARE(cell(f.proxy.index(2, 0), ProcessColumn::Name), u"9"_s);
    f.proxy.sort(int(ProcessColumn::Memory), Qt::DescendingOrder);
    QTRY_VERIFY_WITH_TIMEOUT(!cell(f.proxy.index(2, 0), ProcessColumn::Memory).isEmpty(),
                             childTimeout);
    QCOMPARE(f.proxy.index(0, int(ProcessColumn::Memory)).data(ProcessListModel::SortRole).typeId(),
             QMetaType::LongLong);
    QCOMPARE(f.resets.count(), 0);
}

void TestProcessListModel::selectionFollowsTheProcess()
{
    Fixture f;
    QTreeView view;
    view.setModel(&f.proxy);
    view.setSortingEnabled(true);
    view.sortByColumn(int(ProcessColumn::Name), Qt::AscendingOrder);
    f.manager.add(spec(u"bravo"_s, u"true"_s));
    ManagedProcess *charlie = f.manager.add(spec(u"charlie"_s, u"true"_s));
    f.manager.add(spec(u"delta"_s, u"true"_s));
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));

    view.setCurrentIndex(f.proxy.mapFromSource(f.model.indexOf(charlie)));
    QCOMPARE(view.currentIndex().row(), 1);
    const auto selected
            = [&] { return f.model.processAt(f.proxy.mapToSource(view.currentIndex())); };
    QCOMPARE(selected(), charlie);

    view.sortByColumn(int(ProcessColumn::Name), Qt::DescendingOrder); // delta, charlie, bravo
    QCOMPARE(selected(), charlie);
    f.manager.add(spec(u"echo"_s, u"true"_s)); // echo, delta, charlie, bravo
    f.manager.add(spec(u"foxtrot"_s, u"true"_s));
    QCOMPARE(view.currentIndex().row(), 3);
    QCOMPARE(selected(), charlie);
    QVERIFY(view.selectionModel()->isRowSelected(3, {}));
    f.manager.remove(f.manager.processes().first()); // bravo
    QTRY_COMPARE(f.model.rowCount(), 4);
    QCOMPARE(selected(), charlie);
    QCOMPARE(f.resets.count(), 0);
}

// The shell waits, idle; its busy python3 child is what the row's CPU and memory show.
void TestProcessListModel::totalsAreTheWholeTree()
{
    Fixture f;
    const QString command = u"python3 -c 'while True: pass' & wait"_s;
    ManagedProcess *process = f.manager.launch(spec(u"busy"_s, command, true));
    const QModelIndex row = f.model.indexOf(process);
    QTRY_COMPARE_WITH_TIMEOUT(f.model.rowCount(row), 1, childTimeout);
    const QModelIndex python = f.model.index(0, 0, row);
    QTRY_COMPARE_WITH_TIMEOUT(cell(python, ProcessColumn::Name), u"python3"_s, childTimeout);
    const qint64 shellPid = process->pid();
    const qint64 pythonPid = python.data(ProcessListModel::PidRole).toLongLong();

    // The descendant's CPU, not the waiting shell's 0 %.
    QTRY_VERIFY_WITH_TIMEOUT(number(row, ProcessColumn::CpuPercent) > 20.0, childTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(number(python, ProcessColumn::CpuPercent) > 20.0, childTimeout);
    QVERIFY(!row.siblingAtColumn(int(ProcessColumn::Activity))
                     .data(ProcessListModel::CpuHistoryRole)
                     .value<QList<double>>()
                     .isEmpty());
    // Summed resident sets, or a cgroup's memory.current (where shared pages may be charged
    // to the cgroup that first used them): more than the shell's own in either case.
    const bool summed = process->treeUsage().means != aproc::ContainmentMeans::Cgroup;
    QTRY_VERIFY2_WITH_TIMEOUT(summed ? number(row, ProcessColumn::Memory)
                                               >= rssOf(shellPid) + rssOf(pythonPid)
                                     : number(row, ProcessColumn::Memory) > rssOf(shellPid),
                              qPrintable(u"%1 for %2 + %3"_s.arg(cell(row, ProcessColumn::Memory))
                                                 .arg(rssOf(shellPid))
                                                 .arg(rssOf(pythonPid))),
                              childTimeout);
    process->stop(5s);
    QTRY_VERIFY_WITH_TIMEOUT(aproc::testsupport::notRunning(pythonPid), childTimeout);
}

// The shell exits at once; its sleep holds the output open. The row says so, its run time
// stands still, the sleep stays listed, and Stop ends it.
void TestProcessListModel::heldOutputIsShown()
{
    Fixture f;
    ManagedProcess *process
            = f.manager.launch(spec(u"daemon"_s, u"sleep 300 & echo started"_s, true));
    const QModelIndex row = f.model.indexOf(process);
    QTRY_COMPARE_WITH_TIMEOUT(process->state(), ProcessState::OutputHeld, childTimeout);
    QTRY_COMPARE_WITH_TIMEOUT(cell(row, ProcessColumn::State),
                              u"exited 0 — output held by 1 process(es)"_s, childTimeout);
    QCOMPARE(cell(row, ProcessColumn::Exit), u"0"_s);
    QVERIFY(row.siblingAtColumn(int(ProcessColumn::State))
                    .data(Qt::ToolTipRole)
                    .toString()
                    .startsWith(cell(row, ProcessColumn::State) + u'\n')); // whole, if narrow
    QTRY_COMPARE_WITH_TIMEOUT(f.model.rowCount(row), 1, childTimeout);
    const QModelIndex sleep = f.model.index(0, 0, row);
    QCOMPARE(cell(sleep, ProcessColumn::Name), u"sleep"_s);
    const qint64 sleepPid = sleep.data(ProcessListModel::PidRole).toLongLong();
    QVERIFY(!aproc::testsupport::notRunning(sleepPid));

    const std::chrono::milliseconds runTime = process->runTime();
    const QString runTimeText = cell(row, ProcessColumn::RunTime);
    // The clock has refreshed the run times once the running sleep's has moved on.
    const QString sleepRunTime = cell(sleep, ProcessColumn::RunTime);
    QTRY_VERIFY_WITH_TIMEOUT(cell(sleep, ProcessColumn::RunTime) != sleepRunTime, childTimeout);
    QCOMPARE(process->runTime(), runTime);
    QCOMPARE(cell(row, ProcessColumn::RunTime), runTimeText);
    QCOMPARE(descendantPids(f.model, row), QList<qint64>{sleepPid});

    QSignalSpy ended(process, &ManagedProcess::ended);
    QVERIFY(ended.isValid());
    process->stop(5s);
    QTRY_VERIFY_WITH_TIMEOUT(aproc::testsupport::notRunning(sleepPid), childTimeout);
    QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, childTimeout);
    QCOMPARE(cell(row, ProcessColumn::State), u"exited"_s);
    QCOMPARE(f.resets.count(), 0);
}

QTEST_MAIN(TestProcessListModel)
#include "tst_monitor_processlistmodel.moc"
