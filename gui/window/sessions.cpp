// SPDX-License-Identifier: MIT
#include "sessions.h"

#include "commandline.h"
#include "launch/demosession.h"
#include "launch/procfile.h"
#include "processes/managedprocess.h"
#include "processes/processmanager.h"

#include <aproc/shell.h>

#include <QtCore/QFileInfo>
#include <QtWidgets/QFileDialog>
#include <QtWidgets/QMessageBox>

using namespace Qt::StringLiterals;

namespace aproc::monitor {

Sessions::Sessions(ProcessManager *manager, QWidget *window)
    : QObject(window), m_manager(manager), m_window(window)
{ }

int Sessions::loadProcfile(const QString &path)
{
    return start(Procfile::load(path), QFileInfo(path).fileName());
}

int Sessions::openDemo()
{
    return start(DemoSession::load(), tr("the demo session"));
}

int Sessions::start(const ProcfileContents &contents, const QString &source)
{
    for (const LaunchSpec &spec : contents.entries)
        m_manager->launch(spec);
    if (!contents.issues.isEmpty()) {
        QStringList lines;
        for (const ProcfileIssue &issue : contents.issues)
            lines.append(issue.text());
        showProblem(tr("Some lines of %1 were not loaded").arg(source), lines);
    }
    Q_EMIT message(
            tr("Started %n command(s) from %1", nullptr, int(contents.entries.size())).arg(source));
    return int(contents.entries.size());
}

bool Sessions::saveProcfile(const QString &path)
{
    QList<LaunchSpec> specs;
    for (const ManagedProcess *process : m_manager->processes())
        specs.append(process->spec());
    QString error;
    if (!Procfile::save(path, specs, &error)) {
        showProblem(tr("The Procfile was not saved"), {error});
        return false;
    }
    Q_EMIT message(tr("Saved %n command(s) to %1", nullptr, int(specs.size()))
                           .arg(QFileInfo(path).fileName()));
    return true;
}

void Sessions::apply(const CommandLineOptions &options)
{
    if (!options.procfile.isEmpty())
        loadProcfile(options.procfile);
    if (options.demo)
        openDemo();
    if (!options.command.isEmpty()) {
        LaunchSpec spec;
        QStringList quoted;
        for (const QString &word : options.command)
            quoted.append(shellQuote(word));
        spec.command = quoted.join(u' ');
        m_manager->launch(spec);
    }
}

void Sessions::askToOpen()
{
    auto *dialog = new QFileDialog(m_window, tr("Open Procfile"));
    dialog->setObjectName(u"openProcfileDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    dialog->setNameFilters({tr("Procfiles (Procfile *.procfile Procfile.*)"), tr("All files (*)")});
    connect(dialog, &QFileDialog::fileSelected, this, &Sessions::loadProcfile);
    dialog->open();
}

void Sessions::askToSave()
{
    auto *dialog = new QFileDialog(m_window, tr("Save Procfile"));
    dialog->setObjectName(u"saveProcfileDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->selectFile(u"Procfile"_s);
    connect(dialog, &QFileDialog::fileSelected, this, &Sessions::saveProcfile);
    dialog->open();
}

void Sessions::showProblem(const QString &title, const QStringList &lines)
{
    if (m_issuesBox)
        m_issuesBox->close();
    m_issuesBox = new QMessageBox(QMessageBox::Warning, title, title, QMessageBox::Ok, m_window);
    m_issuesBox->setObjectName(u"procfileIssues"_s);
    m_issuesBox->setAttribute(Qt::WA_DeleteOnClose);
    m_issuesBox->setInformativeText(lines.join(u'\n'));
    m_issuesBox->open();
}

} // namespace aproc::monitor
