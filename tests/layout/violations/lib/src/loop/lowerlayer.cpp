// SPDX-License-Identifier: MIT
// A fixture of tst_layout_violations: every line below breaks one rule of check_layout.py.
#include "process/process_p.h"
#include <aproc/streamreader.h>
#include <unistd.h>

void stopEverything()
{
    ::kill(1, 9); // ::waitpid() in a comment is no call
}
