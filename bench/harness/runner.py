# SPDX-License-Identifier: MIT
"""Running the variants of a scenario, alternating, and summarising what they printed."""
import json
import os
import select
import statistics
import subprocess
import tempfile
import time

from .scenarios import expand_command, parameters_for


def run_once(command, timeout, launcher=None):
    """Runs command once (through launcher, which reports the peak RSS, when given); a dict
    with value, extra, wall_s, peak_rss_kib, or with error."""
    with tempfile.TemporaryFile() as stdout, tempfile.TemporaryFile() as stderr, \
            tempfile.TemporaryFile() as rss:
        environment = dict(os.environ, BENCH_RSS_FD=str(rss.fileno()))
        begin = time.perf_counter()
        try:
            child = subprocess.Popen(([launcher] if launcher else []) + command, stdout=stdout,
                                     stderr=stderr, stdin=subprocess.DEVNULL, env=environment,
                                     pass_fds=(rss.fileno(),))
        except OSError as error:
            return {'error': f'cannot start {command[0]}: {error}'}
        status, usage = _reap(child, timeout)
        wall = time.perf_counter() - begin
        if status is None:
            return {'error': f'timed out after {timeout} s'}
        if status != 0:
            stderr.seek(0)
            tail = stderr.read().decode(errors='replace').strip().splitlines()[-5:]
            return {'error': f'exit status {status}: ' + ' | '.join(tail)}
        stdout.seek(0)
        rss.seek(0)
        reported = rss.read().split()
        peak = int(reported[1]) if launcher and len(reported) == 2 else usage.ru_maxrss
        return _parse(stdout.read(), wall, peak)


def _reap(child, timeout):
    """Waits (pidfd + poll, so with a timeout) and reaps with wait4 for the child's rusage."""
    pidfd = os.pidfd_open(child.pid)
    try:
        poller = select.poll()
        poller.register(pidfd, select.POLLIN)
        timed_out = not poller.poll(timeout * 1000)
    finally:
        os.close(pidfd)
    if timed_out:
        child.kill()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)  # Popen must not reap it again
    return (None if timed_out else child.returncode), usage


def _parse(stdout, wall, peak_rss_kib):
    lines = [line for line in stdout.decode(errors='replace').splitlines() if line.strip()]
    if not lines:
        return {'error': 'printed nothing'}
    try:
        result = json.loads(lines[-1])
        value = float(result['value'])
    except (ValueError, KeyError, TypeError):
        return {'error': f'last line is not {{"value": ...}}: {lines[-1][:200]}'}
    return {'value': value, 'extra': result.get('extra', {}), 'wall_s': round(wall, 3),
            'peak_rss_kib': peak_rss_kib}


def summarise(runs):
    """Median, min, max of the values; the largest peak RSS; the median of each extra."""
    values = [run['value'] for run in runs]
    summary = {'median': statistics.median(values), 'min': min(values), 'max': max(values)}
    rss = [run['peak_rss_kib'] for run in runs if 'peak_rss_kib' in run]
    if rss:
        summary['peak_rss_kib'] = max(rss)
    keys = sorted({key for run in runs for key in run.get('extra', {})})
    summary['extra'] = {key: statistics.median(run['extra'][key] for run in runs
                                               if key in run.get('extra', {})) for key in keys}
    return summary


def _versus_summary(target, variants, better):
    """The summary of the variant compared with; of a list, the best of those that ran."""
    names = target['versus'] if isinstance(target['versus'], list) else [target['versus']]
    summaries = [variants[name]['summary'] for name in names if 'summary' in variants[name]]
    if len(summaries) != len(names):
        return None
    choose = max if better == 'higher' else min
    return choose(summaries, key=lambda summary: summary['median'])


def evaluate(target, variants, better):
    """The target with its actual figure and whether it was met (None: not measurable)."""
    result = dict(target)
    mine = variants[target['variant']].get('summary')
    if mine is None:
        result['met'] = None
        return result
    key = target.get('extra')
    actual = mine['extra'].get(key) if key else mine['median']
    if 'versus' in target:
        other = _versus_summary(target, variants, better)
        if other is None or actual is None:
            result['met'] = None
            return result
        theirs = other['extra'].get(key) if key else other['median']
        actual = actual / theirs if theirs else None
        bound = target['ratio']
    else:
        bound = target['value']
    result['actual'] = actual
    ops = {'>=': lambda a, b: a >= b, '<=': lambda a, b: a <= b, '==': lambda a, b: a == b}
    result['met'] = None if actual is None else ops[target['op']](actual, bound)
    return result


def run_measurement(scenario, measurement, options, paths, log):
    """Runs every variant of \a measurement warm-up + repeats times, alternating variants."""
    values = parameters_for(measurement, options.quick)
    values.update({'bin': paths.binary_dir(scenario), 'src': paths.source_dir(scenario)})
    variants = {variant['name']: {'peer': variant.get('peer', variant['name']),
                                  'command': expand_command(variant['command'], values),
                                  'runs': [], 'errors': []}
                for variant in measurement['variants']}
    rounds = options.warmup + options.repeats
    for round_index in range(rounds):
        for name, variant in variants.items():
            run = run_once(variant['command'], options.timeout, paths.launcher())
            warm_up = round_index < options.warmup
            shown = run.get('value', 'FAILED: ' + run.get('error', ''))
            log(f'  {measurement["id"]:<22} {name:<14} round {round_index + 1}/{rounds}'
                f'{" (warm-up)" if warm_up else ""}: {shown}')
            if 'error' in run:
                variant['errors'].append(run['error'])
            elif not warm_up:
                variant['runs'].append(run)
    for variant in variants.values():
        if variant['runs'] and not variant['errors']:
            variant['summary'] = summarise(variant['runs'])
    targets = [evaluate(target, variants, measurement['better'])
               for target in measurement.get('targets', [])]
    return {key: measurement[key] for key in ('id', 'title', 'unit', 'better')} | {
        'parameters': parameters_for(measurement, options.quick),
        'variants': variants, 'targets': targets}
