#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Checks SPEC §2's layers in the source tree (ctest: tst_layout).

  check_layout.py ROOT

ROOT is the project's root (or a fixture tree shaped like it). Prints one line per violation,
naming the file, the line and the rule, and exits 1 if there is any:

  layer       a file of the library includes a header of a higher layer (lib/src/<layer>/ and
              the public headers of lib/include/aproc/ each belong to one layer below; every file
              must be in the table, so a new file is placed on purpose);
  posix       outside lib/src/unix/, the library includes a POSIX header or makes a POSIX call,
              and gui/ makes a POSIX process call (spawning, waiting, signalling, groups);
  public-api  gui/, examples/ and bench/ include only public headers: no private header, no
              <aproc/impl/...> (the templates' internals) and no path into lib/.
"""

import re
import sys
from pathlib import Path

# The layers, bottom first: a file may include its own layer and the ones below it.
LAYERS = ["global", "loop", "platform", "transports", "streams", "process", "testing", "umbrella"]

# Each folder of lib/src is a layer, except unix/, whose files are the POSIX halves of several.
SOURCE_FOLDERS = {
    "global": "global",
    "loop": "loop",
    "transports": "transports",
    "streams": "streams",
    "process": "process",
    "testing": "testing",
}
UNIX_LAYERS = {
    "loop": ["signalrelay"],
    "transports": ["connectpipes", "readpipetransport", "writepipetransport",
                   "subprocesstransport_unix"],
    # Everything else in unix/ is the platform: spawning, the child watchers, descriptors, ptys.
}

PUBLIC_HEADERS = {
    "global": ["aproc_export.h", "config.h", "errors.h", "exceptiongroup.h", "version.h"],
    "loop": ["awaitsignal.h", "barrier.h", "eventloop.h", "future.h", "gather.h", "locks.h",
             "queues.h", "semaphore.h", "shield.h", "sleep.h", "task.h", "taskgroup.h",
             "timeout.h", "wait.h", "waitfor.h", "impl/awaitable.h", "impl/callback.h",
             "impl/futurecore.h", "impl/queuecore.h", "impl/taskcore.h", "impl/waitcore.h"],
    "platform": ["childwatcher.h", "containment.h", "crashguard.h", "processoptions.h", "resourceusage.h"],
    "transports": ["protocols.h", "transports.h"],
    "streams": ["lineoverflow.h", "streamreader.h", "streamwriter.h", "textlinereader.h",
                "impl/readawaitable.h"],
    "process": ["pipeline.h", "process.h", "run.h", "shell.h"],
    "testing": ["expect.h", "testing.h"],
    "umbrella": ["aproc.h"],
}

# POSIX headers the library may include only in lib/src/unix/ (<csignal> and <cerrno> stay
# allowed: SIGTERM and errno values are part of the portable API; so does <sys/types.h>, whose
# pid_t and mode_t ProcessOptions names).
POSIX_HEADER = re.compile(r"^(unistd|fcntl|signal|poll|termios|pthread|spawn|pty|dirent|sched"
                          r"|sys/(?!types\.h)[a-z_/]+)\.h$")
# POSIX process calls: nowhere outside lib/src/unix/, gui/ included (the code calls them
# qualified, ::kill(...), so a method named kill() is not one).
PROCESS_CALL = re.compile(
    r"(?<![\w.>])::(kill|killpg|waitpid|waitid|wait4|fork|vfork|clone|clone3|execve|execvp|execv"
    r"|execl|posix_spawnp?|pidfd_open|pidfd_send_signal|sigaction|signal|setsid|setpgid|getpgid"
    r"|prctl|tcsetpgrp|ptrace|syscall)\s*\(")
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


def strip_comments_and_strings(text):
    """The text with comments and string literals blanked out, line numbers kept."""
    pattern = re.compile(r'//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'', re.S)
    return pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


class Checker:
    def __init__(self, root):
        self.root = root
        self.problems = []
        self.public_layer = {header: layer for layer, headers in PUBLIC_HEADERS.items()
                             for header in headers}

    def report(self, path, line, rule, message):
        self.problems.append(f"{path.relative_to(self.root)}:{line}: [{rule}] {message}")

    # --- which layer a file belongs to ---------------------------------------------------------
    def source_layer(self, relative):
        """The layer of a file under lib/src/, by its path there ("unix/spawn.cpp")."""
        folder, _, name = relative.partition("/")
        if folder in SOURCE_FOLDERS and "/" not in name:
            return SOURCE_FOLDERS[folder]
        if folder == "unix" and "/" not in name:
            stem = re.sub(r"(_p)?\.(h|cpp)$", "", name)
            for layer, stems in UNIX_LAYERS.items():
                if stem in stems:
                    return layer
            return "platform"
        return None

    def included_layer(self, kind, target):
        """The layer of an included header, or None for a header outside the library."""
        if kind == "<" and target.startswith("aproc/"):
            return self.public_layer.get(target[len("aproc/"):], "unknown")
        if kind == '"' and target.endswith("_p.h"):
            return self.source_layer(target) or "unknown"
        if kind == '"' and target.endswith(".moc"):
            return None
        return None if kind == "<" else "unknown"

    # --- the rules -----------------------------------------------------------------------------
    def check_library_file(self, path, layer):
        text = path.read_text(encoding="utf-8")
        code = strip_comments_and_strings(text)
        in_unix = path.is_relative_to(self.root / "lib/src/unix")
        for number, line in enumerate(text.splitlines(), start=1):
            match = INCLUDE.match(line)
            if not match:
                continue
            kind, target = match.groups()
            included = self.included_layer(kind, target)
            if included == "unknown":
                self.report(path, number, "layer", f"includes {target}, which no layer holds"
                            " (write private headers as their path under lib/src)")
            elif included and LAYERS.index(included) > LAYERS.index(layer):
                self.report(path, number, "layer", f"the {layer} layer includes {target}, of the"
                            f" higher {included} layer")
            if kind == "<" and not in_unix and POSIX_HEADER.match(target):
                self.report(path, number, "posix", f"includes <{target}>: POSIX code belongs in"
                            " lib/src/unix/")
        if not in_unix:
            self.check_process_calls(path, code)

    def check_process_calls(self, path, code):
        for number, line in enumerate(code.splitlines(), start=1):
            for match in PROCESS_CALL.finditer(line):
                self.report(path, number, "posix", f"calls ::{match.group(1)}(): process calls"
                            " belong in lib/src/unix/ (use Process or ManagedProcess)")

    def check_public_api_user(self, path):
        text = path.read_text(encoding="utf-8")
        for number, line in enumerate(text.splitlines(), start=1):
            match = INCLUDE.match(line)
            if not match:
                continue
            kind, target = match.groups()
            own = (path.parent / target).exists() or self.is_own_header(path, target)
            if kind == "<" and target.startswith("aproc/impl/"):
                self.report(path, number, "public-api", f"includes <{target}>: the templates'"
                            " internals are included by the public headers only")
            elif kind == '"' and ("lib/" in target or "/src/" in target
                                  or (target.endswith("_p.h") and not own)):
                self.report(path, number, "public-api", f"includes \"{target}\": only the public"
                            " headers <aproc/...> are for code outside lib/")

    def is_own_header(self, path, target):
        """True when \a target is a header of the program \a path belongs to (gui/ includes its
        headers by their path under gui/)."""
        for top in ("gui", "examples", "bench"):
            base = self.root / top
            if path.is_relative_to(base) and (base / target).exists():
                return True
        return False

    def run(self):
        lib_src = self.root / "lib/src"
        for path in sorted(lib_src.rglob("*")):
            if path.suffix not in (".h", ".cpp"):
                continue
            relative = path.relative_to(lib_src).as_posix()
            layer = self.source_layer(relative)
            if layer is None:
                self.report(path, 1, "layer", "is in no layer's folder of lib/src")
                continue
            self.check_library_file(path, layer)
        include = self.root / "lib/include/aproc"
        for path in sorted(include.rglob("*.h")):
            relative = path.relative_to(include).as_posix()
            layer = self.public_layer.get(relative)
            if layer is None:
                self.report(path, 1, "layer", "is a public header in no layer of"
                            " tests/layout/check_layout.py")
                continue
            self.check_library_file(path, layer)
        for top in ("gui", "examples", "bench"):
            for path in sorted((self.root / top).rglob("*")):
                if path.suffix in (".h", ".cpp"):
                    self.check_public_api_user(path)
                    if top == "gui":
                        self.check_process_calls(path, strip_comments_and_strings(
                            path.read_text(encoding="utf-8")))
        return self.problems


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    root = Path(sys.argv[1]).resolve()
    problems = Checker(root).run()
    for problem in problems:
        print(problem)
    print(f"{len(problems)} layout problems in {root}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
