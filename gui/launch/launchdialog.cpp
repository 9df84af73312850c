// SPDX-License-Identifier: MIT
#include "launch/launchdialog.h"

#include "launch/recentlaunches.h"

#include <QtCore/QFileInfo>
#include <QtWidgets/QCheckBox>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QCompleter>
#include <QtWidgets/QDialogButtonBox>
#include <QtWidgets/QFileDialog>
#include <QtWidgets/QFormLayout>
#include <QtWidgets/QHBoxLayout>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QPlainTextEdit>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QSpinBox>

using namespace Qt::StringLiterals;

namespace aproc::monitor {

/*! \brief The fields of a LaunchDialog. */
class LaunchDialogPrivate
{
public:
    QComboBox *commandEdit = nullptr;
    QLineEdit *nameEdit = nullptr;
    QCheckBox *shellCheck = nullptr;
    QLineEdit *directoryEdit = nullptr;
    QPushButton *browseButton = nullptr;
    QLabel *directoryWarning = nullptr;
    QPlainTextEdit *environmentEdit = nullptr;
    QCheckBox *ptyCheck = nullptr;
    QComboBox *restartPolicyCombo = nullptr;
    QSpinBox *restartDelaySpin = nullptr;
    QSpinBox *maxRestartsSpin = nullptr;
    QLabel *problemLabel = nullptr;
    QDialogButtonBox *buttons = nullptr;
};

namespace {

template<typename Widget>
Widget *named(Widget *widget, const QString &objectName, const QString &toolTip)
{
    widget->setObjectName(objectName);
    widget->setToolTip(toolTip);
    return widget;
}

} // namespace

LaunchDialog::LaunchDialog(QWidget *parent) : QDialog(parent), d(new LaunchDialogPrivate)
{
    setWindowTitle(tr("Launch a Process"));
    createCommandFields();
    createRestartFields();
    d->problemLabel = named(new QLabel(this), u"problemLabel"_s, {});
    d->problemLabel->setWordWrap(true);
    QPalette palette = d->problemLabel->palette();
    palette.setColor(QPalette::WindowText, QColor(0xd3, 0x2f, 0x2f)); // legible on light and dark
    d->problemLabel->setPalette(palette);
    d->buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    d->buttons->button(QDialogButtonBox::Ok)->setText(tr("&Launch"));
    connect(d->buttons, &QDialogButtonBox::accepted, this, &LaunchDialog::accept);
    connect(d->buttons, &QDialogButtonBox::rejected, this, &LaunchDialog::reject);
    layOut();
    connectFields();
    setSpec(LaunchSpec{});
}

LaunchDialog::~LaunchDialog() = default;

void LaunchDialog::createCommandFields()
{
    d->commandEdit = named(new QComboBox(this), u"commandEdit"_s,
                           tr("The program and its arguments, quoted as in a shell; the list "
                              "holds the recent commands"));
    d->commandEdit->setEditable(true);
    d->commandEdit->setInsertPolicy(QComboBox::NoInsert);
    d->commandEdit->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    d->commandEdit->setMinimumContentsLength(40);
    d->commandEdit->addItems(RecentLaunches::commands());
    d->commandEdit->setCurrentIndex(-1);
    // Inline completion would silently extend "ls" into a longer recent command.
    d->commandEdit->completer()->setCompletionMode(QCompleter::PopupCompletion);
    d->commandEdit->completer()->setCaseSensitivity(Qt::CaseSensitive);
    d->nameEdit = named(new QLineEdit(this), u"nameEdit"_s,
                        tr("The name shown in the list; empty: the program's name"));
    d->shellCheck = named(new QCheckBox(tr("Run in a &shell (/bin/sh -c)"), this), u"shellCheck"_s,
                          tr("Let /bin/sh run the command: pipes, redirections, variables"));
    d->directoryEdit = named(new QLineEdit(this), u"directoryEdit"_s,
                             tr("The directory the process starts in; empty: the monitor's own"));
    d->browseButton = named(new QPushButton(tr("&Browse…"), this), u"browseButton"_s,
                            tr("Choose the working directory"));
    d->directoryWarning = named(new QLabel(this), u"directoryWarningLabel"_s, {});
    d->directoryWarning->setWordWrap(true);
    d->environmentEdit = named(new QPlainTextEdit(this), u"environmentEdit"_s,
                               tr("Variables added to the environment, one NAME=value a line"));
    d->environmentEdit->setTabChangesFocus(true);
    d->environmentEdit->setPlaceholderText(u"NAME=value"_s);
    d->environmentEdit->setFixedHeight(d->environmentEdit->fontMetrics().lineSpacing() * 4 + 12);
    d->ptyCheck = named(new QCheckBox(tr("Use a &pseudo-terminal"), this), u"ptyCheck"_s,
                        tr("Run on a terminal: colours and line editing, stdout and stderr "
                           "merged"));
}

void LaunchDialog::createRestartFields()
{
    d->restartPolicyCombo = named(new QComboBox(this), u"restartPolicyCombo"_s,
                                  tr("Whether the process is started again when it ends"));
    for (RestartPolicy policy :
         {RestartPolicy::Never, RestartPolicy::OnFailure, RestartPolicy::Always}) {
        d->restartPolicyCombo->addItem(LaunchSpecs::policyTitle(policy), int(policy));
    }
    d->restartDelaySpin = named(new QSpinBox(this), u"restartDelaySpin"_s,
                                tr("The wait before the first restart, doubled for each "
                                   "restart in a row"));
    d->restartDelaySpin->setRange(0, int(maximumRestartDelay.count()));
    d->restartDelaySpin->setSingleStep(100);
    d->restartDelaySpin->setSuffix(tr(" ms"));
    d->maxRestartsSpin = named(new QSpinBox(this), u"maxRestartsSpin"_s,
                               tr("How many restarts in a row are allowed"));
    d->maxRestartsSpin->setRange(0, 1000);
    d->maxRestartsSpin->setSpecialValueText(tr("No limit"));
}

void LaunchDialog::layOut()
{
    auto *form = new QFormLayout;
    auto addRow = [form](const QString &label, QWidget *field, QWidget *buddy) {
        auto *title = new QLabel(label);
        title->setBuddy(buddy);
        form->addRow(title, field);
    };
    addRow(tr("&Command:"), d->commandEdit, d->commandEdit);
    addRow(tr("&Name:"), d->nameEdit, d->nameEdit);
    form->addRow(QString(), d->shellCheck);
    auto *directoryRow = new QHBoxLayout;
    directoryRow->addWidget(d->directoryEdit);
    directoryRow->addWidget(d->browseButton);
    auto *directoryField = new QWidget;
    directoryField->setLayout(directoryRow);
    directoryRow->setContentsMargins(0, 0, 0, 0);
    addRow(tr("&Working directory:"), directoryField, d->directoryEdit);
    form->addRow(QString(), d->directoryWarning);
    addRow(tr("&Environment:"), d->environmentEdit, d->environmentEdit);
    form->addRow(QString(), d->ptyCheck);
    addRow(tr("&Restart:"), d->restartPolicyCombo, d->restartPolicyCombo);
    addRow(tr("&Delay:"), d->restartDelaySpin, d->restartDelaySpin);
    addRow(tr("&Maximum restarts:"), d->maxRestartsSpin, d->maxRestartsSpin);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(d->problemLabel);
    layout->addStretch();
    layout->addWidget(d->buttons);
    const QList<QWidget *> order
            = {d->commandEdit,      d->nameEdit,        d->shellCheck, d->directoryEdit,
               d->browseButton,     d->environmentEdit, d->ptyCheck,   d->restartPolicyCombo,
               d->restartDelaySpin, d->maxRestartsSpin, d->buttons};
    for (qsizetype i = 1; i < order.size(); ++i)
        QWidget::setTabOrder(order.at(i - 1), order.at(i));
}

void LaunchDialog::connectFields()
{
    connect(d->commandEdit, &QComboBox::currentTextChanged, this, &LaunchDialog::updateState);
    connect(d->commandEdit, &QComboBox::activated, this, &LaunchDialog::restoreRecent);
    connect(d->nameEdit, &QLineEdit::textChanged, this, &LaunchDialog::updateState);
    connect(d->shellCheck, &QCheckBox::toggled, this, &LaunchDialog::updateState);
    connect(d->directoryEdit, &QLineEdit::textChanged, this, &LaunchDialog::updateState);
    connect(d->browseButton, &QPushButton::clicked, this, &LaunchDialog::browseDirectory);
    connect(d->environmentEdit, &QPlainTextEdit::textChanged, this, &LaunchDialog::updateState);
    connect(d->restartPolicyCombo, &QComboBox::currentIndexChanged, this,
            &LaunchDialog::updateState);
}

LaunchSpec LaunchDialog::spec() const
{
    LaunchSpec spec;
    spec.command = d->commandEdit->currentText();
    spec.name = d->nameEdit->text().trimmed();
    spec.shell = d->shellCheck->isChecked();
    spec.workingDirectory = d->directoryEdit->text().trimmed();
    const QStringList lines = d->environmentEdit->toPlainText().split(u'\n');
    for (const QString &line : lines) {
        if (!line.trimmed().isEmpty())
            spec.environment.append(line.trimmed());
    }
    spec.pty = d->ptyCheck->isChecked();
    spec.restartPolicy = RestartPolicy(d->restartPolicyCombo->currentData().toInt());
    spec.restartDelay = std::chrono::milliseconds(d->restartDelaySpin->value());
    spec.maxRestarts = d->maxRestartsSpin->value();
    return spec;
}

void LaunchDialog::setSpec(const LaunchSpec &spec)
{
    d->commandEdit->setCurrentText(spec.command);
    d->nameEdit->setText(spec.name);
    d->shellCheck->setChecked(spec.shell);
    d->directoryEdit->setText(spec.workingDirectory);
    d->environmentEdit->setPlainText(spec.environment.join(u'\n'));
    d->ptyCheck->setChecked(spec.pty);
    d->restartPolicyCombo->setCurrentIndex(
            d->restartPolicyCombo->findData(int(spec.restartPolicy)));
    d->restartDelaySpin->setValue(int(spec.restartDelay.count()));
    d->maxRestartsSpin->setValue(spec.maxRestarts);
    updateState();
}

QStringList LaunchDialog::recentCommands()
{
    return RecentLaunches::commands();
}

void LaunchDialog::rememberCurrentCommand()
{
    RecentLaunches::remember(spec());
}

void LaunchDialog::accept()
{
    if (!LaunchSpecs::problem(spec()).isEmpty())
        return;
    rememberCurrentCommand();
    QDialog::accept();
}

void LaunchDialog::updateState()
{
    const LaunchSpec current = spec();
    const QString problem = LaunchSpecs::problem(current);
    d->buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
    d->problemLabel->setText(current.command.trimmed().isEmpty() ? QString() : problem);
    const bool restarts = current.restartPolicy != RestartPolicy::Never;
    d->restartDelaySpin->setEnabled(restarts);
    d->maxRestartsSpin->setEnabled(restarts);
    const bool missing
            = !current.workingDirectory.isEmpty() && !QFileInfo(current.workingDirectory).isDir();
    d->directoryWarning->setText(missing ? tr("This directory does not exist: the process will "
                                              "fail to start.")
                                         : QString());
    d->directoryWarning->setVisible(missing);
}

void LaunchDialog::restoreRecent(int index)
{
    if (const std::optional<LaunchSpec> recent
        = RecentLaunches::spec(d->commandEdit->itemText(index))) {
        setSpec(*recent);
    }
}

void LaunchDialog::browseDirectory()
{
    const QString directory = QFileDialog::getExistingDirectory(this, tr("Working Directory"),
                                                                d->directoryEdit->text());
    if (!directory.isEmpty())
        d->directoryEdit->setText(directory);
}

} // namespace aproc::monitor
