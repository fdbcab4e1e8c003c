"""Dashboard charts as geometry for inline SVG: no chart library and no script, so they render
under the CSP and without JavaScript. Templates draw the rectangles computed here."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: int
    label: str
    series: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    ticks: list[tuple[float, str]]  # (x, label) along the axis
    maximum: int
    title: str
    log_scale: bool = False

    @property
    def is_empty(self) -> bool:
        return self.maximum == 0


def daily_chart(
    series: dict[str, dict[date, int]], *, today: date, days: int = 30, title: str = ""
) -> Chart:
    """Grouped bars, one group per day from ``today - days + 1`` to ``today``.

    When one series peaks at least ``LOG_RATIO`` times higher than another, the bars are drawn
    on a logarithmic scale (log(1 + n)): on a linear one, 5 published next to 500 found is a
    bar one pixel high."""
    width, height, top, bottom = 600, 160, 10, 20
    plot_height = height - top - bottom
    dates = [today - timedelta(days=days - 1 - i) for i in range(days)]
    peaks = [max((counts.get(d, 0) for d in dates), default=0) for counts in series.values()]
    maximum = max(peaks, default=0)
    nonzero = [p for p in peaks if p]
    log_scale = len(nonzero) > 1 and max(nonzero) >= LOG_RATIO * min(nonzero)
    scale = _log_height if log_scale else _linear_height
    group = width / days
    bar_width = (group - 2) / max(len(series), 1)
    bars = []
    for i, day in enumerate(dates):
        for j, (name, counts) in enumerate(series.items()):
            value = counts.get(day, 0)
            bar_height = plot_height * scale(value, maximum) if maximum else 0
            bars.append(
                Bar(
                    x=round(i * group + 1 + j * bar_width, 2),
                    y=round(top + plot_height - bar_height, 2),
                    width=round(bar_width, 2),
                    height=round(bar_height, 2),
                    value=value,
                    label=f"{day:%d %b}: {value} {name}",
                    series=name,
                )
            )
    # Labels start at their day's bar, so the first one is not cut at the left edge.
    ticks = [(round(i * group + 1, 2), f"{d:%d %b}") for i, d in enumerate(dates)][::7]
    return Chart(width, height, bars, ticks, maximum, title, log_scale)


LOG_RATIO = 10


def _linear_height(value: int, maximum: int) -> float:
    return value / maximum


def _log_height(value: int, maximum: int) -> float:
    return math.log1p(value) / math.log1p(maximum)


def distribution_chart(counts: list[tuple[str, int]], *, title: str = "") -> Chart:
    """Horizontal bars, one per label, in the given order."""
    row, label_width, width = 24, 120, 600
    maximum = max((n for _, n in counts), default=0)
    bars = [
        Bar(
            x=label_width,
            y=i * row + 4,
            width=round((width - label_width - 40) * n / maximum, 2) if maximum else 0,
            height=row - 8,
            value=n,
            label=label,
            series="verdict",
        )
        for i, (label, n) in enumerate(counts)
    ]
    return Chart(width, max(row * len(counts), row), bars, [], maximum, title)
