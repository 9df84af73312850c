# SPDX-License-Identifier: MIT
"""The machine a run happened on: CPU, cores, kernel, compiler, Qt, Python, load."""
import datetime
import os
import platform
import re
import subprocess
from pathlib import Path


def _first_line(command):
    try:
        output = subprocess.run(command, capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return 'unknown'
    return output.strip().splitlines()[0] if output.strip() else 'unknown'


def _cpu_model():
    try:
        for line in Path('/proc/cpuinfo').read_text().splitlines():
            if line.startswith('model name'):
                return line.split(':', 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or 'unknown'


def _cache_value(build_dir: Path, key):
    try:
        for line in (build_dir / 'CMakeCache.txt').read_text().splitlines():
            if line.startswith(key + ':'):
                return line.split('=', 1)[1]
    except OSError:
        pass
    return None


def _qt_version(build_dir: Path):
    qt_dir = _cache_value(build_dir, 'Qt6Core_DIR')
    if qt_dir:
        config = Path(qt_dir) / 'Qt6CoreConfigVersion.cmake'
        try:
            match = re.search(r'set\(PACKAGE_VERSION "([^"]+)"\)', config.read_text())
            if match:
                return match.group(1)
        except OSError:
            pass
    return _first_line(['qtpaths6', '--qt-version'])


def describe(build_dir: Path):
    """A dict naming the machine and the toolchain; the load average is taken now."""
    compiler = _cache_value(build_dir, 'CMAKE_CXX_COMPILER') or 'c++'
    load = os.getloadavg()
    return {
        'cpu': _cpu_model(),
        'cores': os.cpu_count(),
        'kernel': f'{platform.system()} {platform.release()}',
        'compiler': _first_line([compiler, '--version']),
        'qt': _qt_version(build_dir),
        'python': _first_line(['/usr/bin/python3', '--version']),
        'date': datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC'),
        'load_average': [round(value, 2) for value in load],
    }
