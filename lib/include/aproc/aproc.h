// SPDX-License-Identifier: MIT
// The umbrella header: everything a program needs from Aproc.
#pragma once

#include <aproc/errors.h>
#include <aproc/version.h>
