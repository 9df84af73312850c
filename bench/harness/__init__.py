# SPDX-License-Identifier: MIT
"""The benchmark harness behind bench/run: scenarios, runner, machine description, report."""
