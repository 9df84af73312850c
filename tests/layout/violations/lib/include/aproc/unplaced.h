// SPDX-License-Identifier: MIT
// A fixture of tst_layout_violations: a public header in no layer.
#pragma once
