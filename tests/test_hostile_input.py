"""Hostile input costs time in proportion to its size: 10x the input, about 10x the CPU
time (a quadratic scanner would take 100x). The cases and their sizes come from
benchmarks/hostile.py, scaled down; each run has a CPU-time budget, so that a quadratic
case fails in seconds instead of hanging the suite."""

from __future__ import annotations

import importlib.util
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from support import REPO

_SPEC = importlib.util.spec_from_file_location("hostile", REPO / "benchmarks" / "hostile.py")
assert _SPEC is not None and _SPEC.loader is not None
hostile = importlib.util.module_from_spec(_SPEC)
sys.modules["hostile"] = hostile
_SPEC.loader.exec_module(hostile)

CASES = ["unclosed", "brackets", "nested-groups", "ignore-spaces-closed", "comment-openers",
         "repeated", "narrative-locators", "braces", "tag-openers", "stops", "phrases"]
SCALE = 0.3
MAX_RATIO = 25  # about 10 with room for a busy machine; a quadratic case gives 100


class _OverBudget(Exception):
    pass


@contextmanager
def _cpu_budget(seconds: float) -> Iterator[None]:
    def stop(signum: int, frame: object) -> None:
        raise _OverBudget(f"over {seconds:.1f} s of CPU time")

    previous = signal.signal(signal.SIGPROF, stop)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


@pytest.fixture(scope="module")
def fixed_cost() -> float:
    hostile.time_case("", 1)
    return float(hostile.time_case("", 3))


@pytest.mark.slow
@pytest.mark.parametrize("name", CASES)
def test_ten_times_the_input_costs_about_ten_times_the_time(name: str,
                                                            fixed_cost: float) -> None:
    what, size, make = hostile.CASES[name]
    n = round(size * SCALE)
    with _cpu_budget(30):
        small = hostile.time_case(make(n), 3) - fixed_cost
    with _cpu_budget(max(2 * MAX_RATIO * max(small, 0.02), 10) * 2):
        large = hostile.time_case(make(10 * n), 2) - fixed_cost
    # below 50 ms the small run is mostly noise on a busy machine, and a ratio against
    # noise says nothing; a quadratic case still shows 100x at these sizes
    ratio = large / max(small, 0.05)
    print(f"{name}: {what}, n = {n}: {small:.3f} s, 10n: {large:.3f} s, {ratio:.1f}x")
    assert ratio <= MAX_RATIO, f"{name} ({what}): 10x the input took {ratio:.0f}x the time"


def test_the_benchmark_prints_its_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert hostile.main(["--scale", "0.01", "--runs", "1", "unclosed", "repeated"]) == 0
    table = capsys.readouterr().out
    assert "| unclosed |" in table and "| repeated |" in table and "x |" in table


def test_sizes_are_given_for_every_case() -> None:
    assert set(CASES) <= set(hostile.CASES)
    assert all(isinstance(size, int) and size > 0 for _, size, _ in hostile.CASES.values())
    assert Path(hostile.__file__).name == "hostile.py"
