# SPDX-License-Identifier: MIT
"""bench/run: configure and build build-bench, run the scenarios, write the results and
docs/BENCHMARKS.md. See bench/README.md."""
import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import machine, report, runner  # noqa: E402
from harness.scenarios import ScenarioError, load_scenarios  # noqa: E402

BENCH_DIR = Path(__file__).resolve().parent
SOURCE_DIR = BENCH_DIR.parent


class Paths:
    """Where a scenario's sources and programs are."""

    def __init__(self, build_dir: Path):
        self.build_dir = build_dir
        self.results_dir = build_dir / 'results'

    def binary_dir(self, scenario):
        return str(self.build_dir / 'bench' / scenario['dir'])

    def launcher(self):
        """bench_launch, which measures a program's own peak RSS; None if it was not built."""
        path = self.build_dir / 'bench' / 'bench_launch'
        return str(path) if path.exists() else None

    def source_dir(self, scenario):
        return str(BENCH_DIR / scenario['dir'])


def parse_arguments():
    parser = argparse.ArgumentParser(description='Runs the Aproc benchmarks (bench/README.md).')
    parser.add_argument('--quick', action='store_true',
                        help='small parameters and fewer repeats: everything in under 2 minutes')
    parser.add_argument('--only', nargs='+', metavar='SCENARIO', help='run only these scenario ids')
    parser.add_argument('--repeats', type=int, help='measured repeats (default 5, quick 3)')
    parser.add_argument('--warmup', type=int, default=1, help='warm-up rounds (default 1)')
    parser.add_argument('--timeout', type=int, default=600, help='seconds one run may take')
    parser.add_argument('--build-dir', type=Path, default=SOURCE_DIR / 'build-bench')
    parser.add_argument('--jobs', type=int, default=os.cpu_count() or 1, help='build jobs')
    parser.add_argument('--no-build', action='store_true', help='use build-bench as it is')
    parser.add_argument('--report-only', action='store_true',
                        help='only regenerate docs/BENCHMARKS.md from the results present')
    parser.add_argument('--output', type=Path, default=SOURCE_DIR / 'docs' / 'BENCHMARKS.md')
    options = parser.parse_args()
    if options.repeats is None:
        options.repeats = 3 if options.quick else 5
    return options


def build(build_dir: Path, jobs):
    """Configures (Release, bench on, tests and examples off) and builds with -j$(nproc)."""
    gui = 'ON' if (BENCH_DIR / 'monitor' / 'CMakeLists.txt').exists() else 'OFF'
    configure = ['cmake', '-S', str(SOURCE_DIR), '-B', str(build_dir), '-G', 'Ninja',
                 '-DCMAKE_BUILD_TYPE=Release', '-DAPROC_BUILD_BENCH=ON',
                 '-DAPROC_BUILD_TESTS=OFF', '-DAPROC_BUILD_EXAMPLES=OFF',
                 f'-DAPROC_BUILD_GUI={gui}']
    subprocess.run(configure, check=True, stdout=subprocess.DEVNULL)
    subprocess.run(['cmake', '--build', str(build_dir), f'-j{jobs}'], check=True)


def run_scenario(scenario, options, paths, log):
    """Runs every measurement of \a scenario and writes results/<id>.json."""
    log(f'{scenario["id"]}: {scenario["title"]}')
    result = {'id': scenario['id'], 'title': scenario['title'], 'dir': scenario['dir'],
              'order': scenario.get('order', 1000), 'mode': 'quick' if options.quick else 'full',
              'repeats': options.repeats, 'warmup': options.warmup,
              'machine': machine.describe(paths.build_dir), 'measurements': []}
    for measurement in scenario['measurements']:
        result['measurements'].append(
            runner.run_measurement(scenario, measurement, options, paths, log))
    paths.results_dir.mkdir(parents=True, exist_ok=True)
    (paths.results_dir / f'{scenario["id"]}.json').write_text(json.dumps(result, indent=1))
    return result


def failures_in(result):
    return [f'{result["id"]}/{measurement["id"]}/{name}: {variant["errors"][0]}'
            for measurement in result['measurements']
            for name, variant in measurement['variants'].items() if variant['errors']]


def main():
    options = parse_arguments()
    paths = Paths(options.build_dir.resolve())
    log = lambda line: print(line, flush=True)  # noqa: E731
    if not options.report_only:
        try:
            scenarios = load_scenarios(BENCH_DIR)
        except ScenarioError as error:
            sys.exit(f'bench/run: {error}')
        if options.only:
            unknown = set(options.only) - {scenario['id'] for scenario in scenarios}
            if unknown:
                sys.exit(f'bench/run: no scenario {", ".join(sorted(unknown))}')
            scenarios = [scenario for scenario in scenarios if scenario['id'] in options.only]
        if not options.no_build:
            build(paths.build_dir, options.jobs)
        begin = time.perf_counter()
        failures = []
        for scenario in scenarios:
            failures += failures_in(run_scenario(scenario, options, paths, log))
        log(f'ran {len(scenarios)} scenarios in {time.perf_counter() - begin:.0f} s')
    count = report.generate(paths.results_dir, BENCH_DIR, options.output)
    log(f'wrote {options.output} ({count} scenarios)')
    if not options.report_only and failures:
        sys.exit('FAILED:\n  ' + '\n  '.join(failures))


if __name__ == '__main__':
    main()
