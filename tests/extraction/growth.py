"""How a function's running time grows with its input, for tests that guard against runaway
(quadratic or backtracking) work without asserting a machine's speed.

The figures for time itself (every fuzzed 10 KB input < 100 ms) are bench/extraction.py's.
"""

from __future__ import annotations

import time
from collections.abc import Callable


def _best_cpu_seconds(work: Callable[[], object], runs: int = 5) -> float:
    # The best of several runs, so that a busy machine does not decide the figure.
    timings = []
    for _ in range(runs):
        started = time.process_time()
        work()
        timings.append(time.process_time() - started)
    return min(timings)


def growth_factor(function: Callable[[str], object], text: str) -> float:
    """CPU time on ``text`` divided by CPU time on its first quarter: about 4 for linear work,
    16 for quadratic. A floor of 1 ms keeps tiny timings from deciding the ratio."""
    quarter = _best_cpu_seconds(lambda: function(text[: len(text) // 4]))
    whole = _best_cpu_seconds(lambda: function(text))
    return whole / max(quarter, 0.001)
