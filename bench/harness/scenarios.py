# SPDX-License-Identifier: MIT
"""Reading bench/<dir>/scenario.json and expanding a variant's command line."""
import json
from pathlib import Path


class ScenarioError(Exception):
    """A scenario.json that cannot be used (named in the message)."""


def load_scenarios(bench_dir: Path):
    """Every bench/<dir>/scenario.json, sorted by "order", each with its source dir attached."""
    scenarios = []
    for path in sorted(bench_dir.glob('*/scenario.json')):
        try:
            scenario = json.loads(path.read_text())
        except json.JSONDecodeError as error:
            raise ScenarioError(f'{path}: {error}') from error
        scenario['dir'] = path.parent.name
        _check(scenario, path)
        scenarios.append(scenario)
    scenarios.sort(key=lambda s: (s.get('order', 1000), s['id']))
    return scenarios


def _check(scenario, path):
    for key in ('id', 'title', 'measurements'):
        if key not in scenario:
            raise ScenarioError(f'{path}: no "{key}"')
    for measurement in scenario['measurements']:
        for key in ('id', 'title', 'unit', 'better', 'variants'):
            if key not in measurement:
                raise ScenarioError(f'{path}: measurement without "{key}"')
        if measurement['better'] not in ('higher', 'lower'):
            raise ScenarioError(f'{path}: "better" must be "higher" or "lower"')
        names = {variant['name'] for variant in measurement['variants']}
        for target in measurement.get('targets', []):
            versus = target.get('versus', [])
            named = [target['variant']] + (versus if isinstance(versus, list) else [versus])
            if any(name not in names for name in named):
                raise ScenarioError(f'{path}: target names an unknown variant: {target}')
            if ('versus' in target) == ('value' in target) or ('versus' in target) != (
                    'ratio' in target):
                raise ScenarioError(f'{path}: a target has "versus" and "ratio", or "value": '
                                    f'{target}')
            if target.get('op') not in ('>=', '<=', '=='):
                raise ScenarioError(f'{path}: target op must be >=, <= or ==: {target}')


def parameters_for(measurement, quick: bool):
    """The measurement's parameters for the mode ("quick" falls back to "full")."""
    parameters = measurement.get('parameters', {})
    chosen = dict(parameters.get('full', {}))
    if quick:
        chosen.update(parameters.get('quick', {}))
    return chosen


def expand_command(command, values):
    """The command with {bin}, {src} and every {parameter} replaced."""
    expanded = []
    for argument in command:
        for key, value in values.items():
            argument = argument.replace('{' + key + '}', str(value))
        expanded.append(argument)
    return expanded
