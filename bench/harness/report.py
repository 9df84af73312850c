# SPDX-License-Identifier: MIT
"""docs/BENCHMARKS.md from build-bench/results/*.json and each scenario's NOTES.md."""
import json
from pathlib import Path

OPS = {'>=': '≥', '<=': '≤', '==': '='}


def _number(value):
    if value is None:
        return '–'
    if isinstance(value, str):
        return value
    magnitude = abs(value)
    if magnitude >= 1000:
        return f'{value:,.0f}'
    if magnitude >= 10:
        return f'{value:.1f}'
    if magnitude >= 0.01 or magnitude == 0:
        return f'{value:.3g}' if magnitude < 1 else f'{value:.2f}'
    return f'{value:.3g}'


def _extras(summary):
    return ', '.join(f'{key} {_number(value)}' for key, value in summary['extra'].items())


def _variant_rows(measurement):
    """The table of one measurement; the ratio column only when there is something to compare."""
    variants = measurement['variants']
    first = next(iter(variants))
    compare = len(variants) > 1
    header = ['variant', f'median ({measurement["unit"]})', 'min', 'max']
    header += [f'{first} ÷ variant'] if compare else []
    header += ['peak RSS (KiB)', 'runs', 'extras']
    lines = ['| ' + ' | '.join(header) + ' |',
             '|---|' + '---:|' * (len(header) - 2) + '---|']
    base = variants[first].get('summary')
    for name, variant in variants.items():
        label = f'{variant["peer"]} (`{name}`)'
        summary = variant.get('summary')
        if summary is None:
            reason = variant['errors'][0] if variant['errors'] else 'no run'
            reason = reason.split(' | ')[-1].replace('|', '\\|')[:160]
            lines.append(f'| {label} | **FAILED**: {reason} |' + ' |' * (len(header) - 2))
            continue
        cells = [label, _number(summary['median']), _number(summary['min']),
                 _number(summary['max'])]
        if compare:
            ratio = base['median'] / summary['median'] if base and summary['median'] else None
            cells.append(_number(ratio))
        cells += [_number(summary.get('peak_rss_kib')), str(len(variant['runs'])),
                  _extras(summary)]
        lines.append('| ' + ' | '.join(cells) + ' |')
    return lines


def _target_line(target, unit):
    what = target.get('extra') or 'median'
    if 'versus' in target:
        versus = target['versus']
        versus = f'best of {", ".join(versus)}' if isinstance(versus, list) else versus
        stated = (f'{target["variant"]} / {versus} ({what}) '
                  f'{OPS[target["op"]]} {target["ratio"]}')
    else:
        stated = f'{target["variant"]} {what} {OPS[target["op"]]} {target["value"]}'
    if target['met'] is None:
        return f'- {stated}: **not measured** (a variant failed)'
    verdict = 'met' if target['met'] else '**MISSED**'
    return f'- {stated}: actual {_number(target["actual"])}: {verdict}'


def _measurement_section(measurement):
    parameters = ', '.join(f'{key} {value}' for key, value in measurement['parameters'].items())
    better = 'higher is better' if measurement['better'] == 'higher' else 'lower is better'
    lines = [f'### {measurement["title"]} (`{measurement["id"]}`)', '',
             f'{measurement["unit"]}, {better}' + (f'; {parameters}' if parameters else '') + '.',
             ''] + _variant_rows(measurement)
    if measurement['targets']:
        lines += ['', 'Targets:', ''] + [_target_line(target, measurement['unit'])
                                          for target in measurement['targets']]
    return lines + ['']


def _machine_lines(machine):
    load = ', '.join(str(value) for value in machine['load_average'])
    return ['| | |', '|---|---|', f'| CPU | {machine["cpu"]} |', f'| cores | {machine["cores"]} |',
            f'| kernel | {machine["kernel"]} |', f'| compiler | {machine["compiler"]} |',
            f'| Qt | {machine["qt"]} |', f'| Python | {machine["python"]} |',
            f'| date | {machine["date"]} |', f'| load average before the run | {load} |', '']


def _run_line(result):
    machine = result['machine']
    load = ', '.join(str(value) for value in machine['load_average'])
    return (f'Run {machine["date"]}, {result["mode"]} mode ({result["repeats"]} repeats after '
            f'{result["warmup"]} warm-up), load average before: {load}.')


def _summary_lines(results):
    lines = ['| scenario | target | actual | verdict |', '|---|---|---:|---|']
    for result in results:
        for measurement in result['measurements']:
            for target in measurement['targets']:
                stated = _target_line(target, measurement['unit'])[2:].split(':')[0]
                verdict = ('not measured' if target['met'] is None
                           else 'met' if target['met'] else '**MISSED**')
                lines.append(f'| {result["id"]} | {stated} | {_number(target.get("actual"))} '
                             f'| {verdict} |')
    return (lines if len(lines) > 2 else ['No measurement has a target.']) + ['']


def generate(results_dir: Path, bench_dir: Path, output: Path):
    """Writes \a output from every result file present; returns the number of scenarios."""
    results = [json.loads(path.read_text()) for path in sorted(results_dir.glob('*.json'))
               if path.name != 'machine.json']
    results.sort(key=lambda result: (result.get('order', 1000), result['id']))
    lines = ['<!-- Generated by bench/run from build-bench/results and bench/*/NOTES.md: '
             'edit those, not this file. -->', '# Benchmarks', '',
             'Aproc measured side by side with QProcess, Python 3 asyncio and raw syscalls '
             '(bench/README.md says how). Each figure is the median of the measured repeats, '
             'variants alternating; ratios compare medians of the same run.', '']
    if results:
        latest = max(results, key=lambda result: result['machine']['date'])
        lines += ['## The machine', ''] + _machine_lines(latest['machine'])
    lines += ['## Targets', ''] + _summary_lines(results)
    for result in results:
        lines += [f'## {result["title"]} (`{result["id"]}`)', '', _run_line(result), '']
        for measurement in result['measurements']:
            lines += _measurement_section(measurement)
        notes = bench_dir / result['dir'] / 'NOTES.md'
        if notes.exists():
            lines += [_demote(notes.read_text()).strip(), '']
    output.write_text('\n'.join(lines).rstrip() + '\n')
    return len(results)


def _demote(markdown):
    """NOTES.md headings one level below the scenario heading."""
    return '\n'.join('##' + line if line.startswith('#') else line
                     for line in markdown.splitlines())
