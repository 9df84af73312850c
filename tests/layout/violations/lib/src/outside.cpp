// SPDX-License-Identifier: MIT
// A fixture of tst_layout_violations: a source file in no layer's folder.
