// SPDX-License-Identifier: MIT
// The umbrella header: everything a program needs from Aproc.
#pragma once

#include <aproc/awaitsignal.h>
#include <aproc/barrier.h>
#include <aproc/childwatcher.h>
#include <aproc/containment.h>
#include <aproc/crashguard.h>
#include <aproc/errors.h>
#include <aproc/eventloop.h>
#include <aproc/exceptiongroup.h>
#include <aproc/expect.h>
#include <aproc/future.h>
#include <aproc/gather.h>
#include <aproc/lineoverflow.h>
#include <aproc/locks.h>
#include <aproc/pipeline.h>
#include <aproc/process.h>
#include <aproc/processoptions.h>
#include <aproc/protocols.h>
#include <aproc/queues.h>
#include <aproc/resourceusage.h>
#include <aproc/run.h>
#include <aproc/semaphore.h>
#include <aproc/shell.h>
#include <aproc/shield.h>
#include <aproc/sleep.h>
#include <aproc/streamreader.h>
#include <aproc/streamwriter.h>
#include <aproc/task.h>
#include <aproc/taskgroup.h>
#include <aproc/textlinereader.h>
#include <aproc/timeout.h>
#include <aproc/transports.h>
#include <aproc/version.h>
#include <aproc/wait.h>
#include <aproc/waitfor.h>

/*! \namespace aproc
 *  \brief Python asyncio's event loop, futures, tasks and subprocesses (asyncio,
 *  asyncio.subprocess), on the Qt event loop. */
