// SPDX-License-Identifier: MIT
// The library's logging categories (aproc.loop, aproc.process) are quiet by default: a spawn
// prints nothing at debug level unless QT_LOGGING_RULES or setFilterRules() turn it on, as for
// Qt's own qt.* categories.
#include <aproc/process.h>
#include <aproc/testing.h>

#include <QtCore/QLoggingCategory>
#include <QtTest/QtTest>

#include "support/children.h"

#include <cstdlib>

using namespace aproc;
using namespace aproc::testsupport;

namespace {

QStringList g_debugMessages; // "category: message" of every aproc.* debug message

void recordMessages(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QLatin1String category(context.category ? context.category : "");
    if (type == QtDebugMsg && category.startsWith(QLatin1String("aproc.")))
        g_debugMessages.append(category + QLatin1String(": ") + message);
}

Task<void> spawnTrue()
{
    auto process = co_await createSubprocessExec(helper(), args("exit", "0"));
    APROC_COMPARE(co_await process->wait(), 0);
}

} // namespace

class tst_Logging : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        g_debugMessages.clear();
        qInstallMessageHandler(recordMessages);
    }
    void cleanup()
    {
        qInstallMessageHandler(nullptr);
        QLoggingCategory::setFilterRules(QString());
    }

    void debugIsOffByDefault()
    {
        APROC_RUN(spawnTrue());
        QVERIFY2(g_debugMessages.isEmpty(), qPrintable(g_debugMessages.join(u'\n')));
    }

    void debugCanBeTurnedOn()
    {
        QLoggingCategory::setFilterRules(QStringLiteral("aproc.process.debug=true"));
        APROC_RUN(spawnTrue());
        const QString all = g_debugMessages.join(u'\n');
        QVERIFY2(all.contains(QLatin1String("aproc.process: started")), qPrintable(all));
    }
};

// ctest's environment turns aproc.* debug off for every suite; this one checks the defaults, so
// it starts without those rules (they are read when the application is created).
int main(int argc, char **argv)
{
    qunsetenv("QT_LOGGING_RULES");
    QCoreApplication application(argc, argv);
    tst_Logging test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_logging.moc"
