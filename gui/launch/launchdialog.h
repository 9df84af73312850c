// SPDX-License-Identifier: MIT
// The launch dialog: edits one LaunchSpec, remembers the recent commands.
#pragma once

#include "launchspec.h"

#include <QtWidgets/QDialog>

#include <memory>

namespace aproc::monitor {

class LaunchDialogPrivate;

/*! \brief Asks what to launch and how: command (with the recent ones), name, shell mode,
 *  working directory, environment additions, pty, restart policy. Launch is disabled while the
 *  spec has a problem (LaunchSpecs::problem()), which the dialog shows. */
class LaunchDialog : public QDialog
{
    Q_OBJECT

public:
    /*! \brief How many recent commands the dialog remembers. */
    static constexpr int maximumRecentCommands = 20;

    /*! \brief A dialog with the recent commands from QSettings and an empty command. */
    explicit LaunchDialog(QWidget *parent = nullptr);
    /*! \brief Destroys the dialog. */
    ~LaunchDialog() override;

    /*! \brief The spec the fields describe. */
    LaunchSpec spec() const;
    /*! \brief Fills the fields from \a spec. */
    void setSpec(const LaunchSpec &spec);

    /*! \brief The recent commands, most recent first, as QSettings holds them. */
    static QStringList recentCommands();
    /*! \brief Puts the current spec first in the recent commands (done by accept()). */
    void rememberCurrentCommand();

    /*! \brief Remembers the command, then closes the dialog with Accepted. */
    void accept() override;

private:
    /*! \brief Creates the command, name, shell, directory, environment and pty fields. */
    void createCommandFields();
    /*! \brief Creates the restart policy, delay and maximum restarts fields. */
    void createRestartFields();
    /*! \brief Puts the fields in a form with buddies, and sets the tab order. */
    void layOut();
    /*! \brief Updates the dialog whenever a field changes. */
    void connectFields();
    /*! \brief Shows the spec's problem, enables Launch and the restart fields accordingly. */
    void updateState();
    /*! \brief Fills the fields from the recent launch picked at \a index. */
    void restoreRecent(int index);
    /*! \brief Asks for the working directory with a file dialog. */
    void browseDirectory();

    std::unique_ptr<LaunchDialogPrivate> d;
};

} // namespace aproc::monitor
