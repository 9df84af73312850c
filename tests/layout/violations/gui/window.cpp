// SPDX-License-Identifier: MIT
// A fixture of tst_layout_violations: gui/ reaching past the public API.
#include "../lib/src/unix/spawn_p.h"
#include <aproc/impl/taskcore.h>

void stopGroup(int group)
{
    ::killpg(group, 15);
}
