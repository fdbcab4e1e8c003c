from datetime import date

from claims.charts import daily_chart, distribution_chart


def test_daily_chart_scales_bars_to_the_busiest_day():
    today = date(2024, 3, 30)
    chart = daily_chart(
        {"found": {today: 10, date(2024, 3, 1): 5}, "published": {today: 2}}, today=today, days=30
    )
    assert len(chart.bars) == 60
    tallest = max(chart.bars, key=lambda b: b.height)
    assert tallest.value == 10
    assert tallest.height == 130
    half = next(b for b in chart.bars if b.value == 5)
    assert half.height == 65
    assert chart.bars[-1].label == "30 Mar: 2 published"


def test_days_outside_the_window_are_not_drawn():
    chart = daily_chart({"found": {date(2023, 1, 1): 9}}, today=date(2024, 3, 30), days=30)
    assert chart.is_empty
    assert all(b.height == 0 for b in chart.bars)


def test_distribution_keeps_order_and_zeros():
    chart = distribution_chart([("True", 4), ("False", 0), ("Misleading", 2)])
    assert [(b.label, b.value) for b in chart.bars] == [
        ("True", 4),
        ("False", 0),
        ("Misleading", 2),
    ]
    assert chart.bars[0].width > chart.bars[2].width > chart.bars[1].width == 0
