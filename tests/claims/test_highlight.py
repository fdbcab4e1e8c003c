"""The reader's text segmentation: overlaps, nesting, escaping, offsets."""

from types import SimpleNamespace

from claims.highlight import render, segments


def _claim(pk, start, end, status="new", score=0.5, text="t"):
    return SimpleNamespace(
        pk=pk, start=start, end=end, status=status, score=score, text=text,
        get_status_display=lambda: status.title(),
    )  # fmt: skip


def test_segments_cover_the_text_exactly_once():
    text = "abcdefghij"
    parts = segments(text, [_claim(1, 2, 6), _claim(2, 4, 9)])
    assert "".join(p.text for p in parts) == text
    assert [(p.start, p.end) for p in parts] == [(0, 2), (2, 4), (4, 6), (6, 9), (9, 10)]
    assert [[c.pk for c in p.claims] for p in parts] == [[], [1], [1, 2], [2], []]


def test_nested_claim_is_innermost_where_it_lies():
    parts = segments("0123456789", [_claim(1, 0, 10), _claim(2, 3, 5)])
    inner = next(p for p in parts if p.start == 3)
    assert inner.claim.pk == 2
    assert [c.pk for c in inner.claims] == [2, 1]
    assert next(p for p in parts if p.start == 0).claim.pk == 1


def test_claims_outside_the_text_are_clipped_or_skipped():
    parts = segments("short", [_claim(1, 3, 50), _claim(2, 10, 12)])
    assert "".join(p.text for p in parts) == "short"
    assert [p.claim.pk if p.claim else None for p in parts] == [None, 1]


def test_render_escapes_text_and_marks_offsets():
    text = 'A <script>alert("x")</script> & more'
    html = render(text, [_claim(7, 2, 10, text='<b>"quoted"</b>')])
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "<b>" not in html
    assert 'data-offset="0"' in html
    assert 'data-offset="2"' in html
    assert 'data-offset="10"' in html
    assert 'class="hl st-new"' in html
    assert 'data-claim="7"' in html
    assert 'data-score="0.50"' in html


def test_overlapping_pieces_are_marked():
    html = render("0123456789", [_claim(1, 0, 6), _claim(2, 4, 9, status="queued")], selected_id=2)
    assert html.count("hl-overlap") == 1
    assert "hl-selected" in html


def test_highlights_are_not_links_so_a_drag_inside_one_selects_text():
    # A drag that starts inside a link drags the link; most of an article is highlighted.
    html = render("0123456789 abcdefghij", [_claim(1, 0, 10), _claim(2, 3, 5)])
    assert "<a " not in html
    assert "href" not in html


def test_the_first_piece_of_each_claim_takes_the_keyboard_focus():
    # Claim 1 is cut in three by claim 2: only its first piece is a tab stop.
    html = render("0123456789", [_claim(1, 0, 10), _claim(2, 3, 5)])
    pieces = html.split("<mark ")[1:]
    assert ['data-claim="1"' in p for p in pieces] == [True, False, True]
    assert ['tabindex="0"' in p for p in pieces] == [True, True, False]
