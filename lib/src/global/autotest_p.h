// SPDX-License-Identifier: MIT
//
//  W A R N I N G
//  -------------
// This file is not part of the Aproc API. It may change from version to version without notice.
#pragma once

#include <aproc/aproc_export.h>

/*! \brief Marks a private class or function that the white-box tests call (Q_AUTOTEST_EXPORT).
 *
 *  Exported from the shared library only in a build with tests (APROC_BUILD_TESTS, which defines
 *  APROC_BUILD_INTERNAL); otherwise hidden like every other private symbol. Tests reach the
 *  private headers through the Aproc::PrivateHeaders target, never by a relative path. */
#ifdef APROC_BUILD_INTERNAL
#define APROC_AUTOTEST_EXPORT APROC_EXPORT
#else
#define APROC_AUTOTEST_EXPORT
#endif
