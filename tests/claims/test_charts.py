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


def test_a_series_100_times_smaller_stays_readable_on_a_log_scale():
    today = date(2024, 3, 30)
    chart = daily_chart({"found": {today: 500}, "published": {today: 5}}, today=today, days=30)
    assert chart.log_scale
    found = next(b for b in chart.bars if b.value == 500)
    published = next(b for b in chart.bars if b.value == 5)
    assert found.height == 130
    # Linear, 5 next to 500 would be 1.3 px high; log(1 + n) draws it at over a quarter.
    assert published.height > 130 / 4
    assert published.height < found.height


def test_series_of_the_same_order_stay_linear():
    today = date(2024, 3, 30)
    chart = daily_chart({"found": {today: 40}, "published": {today: 5}}, today=today, days=30)
    assert not chart.log_scale
    assert next(b for b in chart.bars if b.value == 5).height == 130 * 5 / 40
