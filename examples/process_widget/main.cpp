// SPDX-License-Identifier: MIT
// Aproc without coroutines: a Qt Widgets window that runs a shell command with Process::start()
// and shows its output and exit through signals only. `--autotest` runs `echo hi`, prints what
// the window got and quits when the process finished.
#include <aproc/process.h>

#include <QtCore/QTextStream>
#include <QtWidgets/QApplication>
#include <QtWidgets/QHBoxLayout>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QPlainTextEdit>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QVBoxLayout>
#include <QtWidgets/QWidget>

#include <memory>

class CommandWindow : public QWidget
{
public:
    CommandWindow()
    {
        m_command->setText(QStringLiteral("ls -l"));
        auto *buttons = new QHBoxLayout;
        buttons->addWidget(m_run);
        buttons->addWidget(m_stop);
        auto *layout = new QVBoxLayout(this);
        layout->addWidget(m_command);
        layout->addLayout(buttons);
        layout->addWidget(m_log);
        m_log->setReadOnly(true);
        m_stop->setEnabled(false);
        connect(m_run, &QPushButton::clicked, this, &CommandWindow::run);
        connect(m_command, &QLineEdit::returnPressed, this, &CommandWindow::run);
        connect(m_stop, &QPushButton::clicked, this, [this] {
            if (m_process)
                m_process->terminate();
        });
    }

    QLineEdit *commandLine() const { return m_command; }
    QString log() const { return m_log->toPlainText(); }
    aproc::Process *process() const { return m_process.get(); }

    void run()
    {
        m_process = std::make_unique<aproc::Process>(); // destroying the old one kills its child
        aproc::ProcessOptions options;
        options.stdoutMode = aproc::PIPE;
        options.stderrMode = aproc::STDOUT;
        options.streams = false; // output only through outputReceived, nothing buffered
        aproc::Process *process = m_process.get();
        connect(process, &aproc::Process::started, this, [this](qint64 pid) {
            m_log->appendPlainText(QStringLiteral("started, pid %1\n").arg(pid)); // output below
            m_stop->setEnabled(true);
        });
        connect(process, &aproc::Process::outputReceived, this,
                [this](int, const QByteArray &data) {
                    m_log->moveCursor(QTextCursor::End);
                    m_log->insertPlainText(QString::fromLocal8Bit(data));
                });
        connect(process, &aproc::Process::exited, this, [this](int code) {
            m_log->appendPlainText(QStringLiteral("exited with %1").arg(code));
            m_stop->setEnabled(false);
        });
        connect(process, &aproc::Process::errorOccurred, this, [this](const QString &message) {
            m_log->appendPlainText(QStringLiteral("error: %1").arg(message));
        });
        process->startShell(m_command->text(), options);
    }

private:
    QLineEdit *m_command = new QLineEdit(this);
    QPushButton *m_run = new QPushButton(tr("Run"), this);
    QPushButton *m_stop = new QPushButton(tr("Stop"), this);
    QPlainTextEdit *m_log = new QPlainTextEdit(this);
    std::unique_ptr<aproc::Process> m_process;
};

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    CommandWindow window;
    window.show();
    if (app.arguments().contains(QStringLiteral("--autotest"))) {
        window.commandLine()->setText(QStringLiteral("echo hi"));
        window.run();
        QObject::connect(window.process(), &aproc::Process::finished, &app, [&window](int code) {
            QTextStream(stdout) << "log:\n" << window.log() << "\nfinished: " << code << "\n";
            QCoreApplication::quit();
        });
    }
    return app.exec();
}
