"""Re-anchor a claim in a changed article text (W3C text-quote selector: exact, prefix, suffix).

Exact occurrences of the quote win; among several, the one whose surrounding text matches the
stored prefix/suffix, then the one nearest the old position. When the quote was edited, a few
windows are compared with difflib: windows around the old position, around exact hits of pieces
of the quote, and next to the stored prefix/suffix. A quote that no window resembles enough is
gone, and the caller flags the claim "source changed" instead of guessing.
"""

from __future__ import annotations

from difflib import Match, SequenceMatcher

# Share of the quote (and of the matched text) that must survive an edit. Below it, the
# passage says something else, so re-anchoring would attach the claim to the wrong words.
MIN_SIMILARITY = 0.75
# Matching blocks shorter than this are coincidences ("e ", "th"), not surviving text.
_MIN_BLOCK = 3
_MAX_HITS_PER_PIECE = 20
_MAX_CANDIDATES = 40


def locate_quote(
    text: str, quote: str, prefix: str = "", suffix: str = "", hint_start: int = 0
) -> tuple[int, int] | None:
    """Where ``quote`` now is in ``text`` as ``(start, end)``, or None if it is gone."""
    if not quote or not text:
        return None
    exact = _exact_hits(text, quote)
    if exact:
        start = max(exact, key=lambda s: _rank(text, s, s + len(quote), prefix, suffix, hint_start))
        return start, start + len(quote)
    return _fuzzy(text, quote, prefix, suffix, hint_start)


def _exact_hits(text: str, quote: str, limit: int = 1000) -> list[int]:
    hits: list[int] = []
    start = text.find(quote)
    while start != -1 and len(hits) < limit:
        hits.append(start)
        start = text.find(quote, start + 1)
    return hits


def _rank(text: str, start: int, end: int, prefix: str, suffix: str, hint: int) -> tuple[int, int]:
    """Higher is better: context characters that still match, then closeness to the hint."""
    context = _common_suffix(text[max(0, start - len(prefix)) : start], prefix)
    context += _common_prefix(text[end : end + len(suffix)], suffix)
    return context, -abs(start - hint)


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_suffix(a: str, b: str) -> int:
    return _common_prefix(a[::-1], b[::-1])


def _fuzzy(text: str, quote: str, prefix: str, suffix: str, hint: int) -> tuple[int, int] | None:
    best: tuple[float, tuple[int, int], tuple[int, int]] | None = None
    slack = len(quote) // 4 + 16
    for candidate in _candidates(text, quote, prefix, suffix, hint):
        window_start = max(0, candidate - slack)
        window = text[window_start : candidate + len(quote) + slack]
        found = _best_span(quote, window)
        if found is None:
            continue
        similarity, start, end = found
        start, end = start + window_start, end + window_start
        rank = _rank(text, start, end, prefix, suffix, hint)
        key = (similarity, rank)
        if best is None or key > (best[0], best[2]):
            best = (similarity, (start, end), rank)
    return best[1] if best else None


def _candidates(text: str, quote: str, prefix: str, suffix: str, hint: int) -> list[int]:
    """Possible new start positions of the quote, nearest to the old position first."""
    starts = {min(max(hint, 0), len(text))}
    for offset, piece in _pieces(quote):
        for hit in _exact_hits(text, piece, _MAX_HITS_PER_PIECE):
            starts.add(max(0, hit - offset))
    if len(prefix) >= 8:
        for hit in _exact_hits(text, prefix, _MAX_HITS_PER_PIECE):
            starts.add(hit + len(prefix))
    if len(suffix) >= 8:
        for hit in _exact_hits(text, suffix, _MAX_HITS_PER_PIECE):
            starts.add(max(0, hit - len(quote)))
    ordered = sorted(starts, key=lambda s: abs(s - hint))
    return _spread(ordered, len(quote) // 8 + 1)[:_MAX_CANDIDATES]


def _pieces(quote: str) -> list[tuple[int, str]]:
    """Up to eight slices of the quote; an edit rarely touches all of them."""
    size = max(8, min(32, len(quote) // 6))
    if len(quote) <= size:
        return [(0, quote)]
    step = max(size, (len(quote) - size) // 7)
    return [(i, quote[i : i + size]) for i in range(0, len(quote) - size + 1, step)]


def _spread(ordered: list[int], gap: int) -> list[int]:
    """Drop candidates within ``gap`` of one already kept: their windows overlap anyway."""
    kept: list[int] = []
    for start in ordered:
        if all(abs(start - k) > gap for k in kept):
            kept.append(start)
    return kept


def _coherent(blocks: list[Match], quote: str) -> list[Match]:
    """The run of blocks around the longest one, without far-flung coincidences.

    A quote's " th" can also match a " th" in the slack before it; taking that block would
    stretch the span over text that is not the quote.
    """
    if not blocks:
        return blocks
    tolerance = 12 + len(quote) // 20
    anchor = max(range(len(blocks)), key=lambda i: blocks[i].size)
    first = anchor
    while first > 0 and _skew(blocks[first - 1], blocks[first]) <= tolerance:
        first -= 1
    last = anchor
    while last < len(blocks) - 1 and _skew(blocks[last], blocks[last + 1]) <= tolerance:
        last += 1
    return blocks[first : last + 1]


def _skew(left: Match, right: Match) -> int:
    """How much more (or less) text lies between two blocks in the window than in the quote."""
    gap_in_quote = right.a - (left.a + left.size)
    gap_in_window = right.b - (left.b + left.size)
    return abs(gap_in_window - gap_in_quote)


def _best_span(quote: str, window: str) -> tuple[float, int, int] | None:
    """The part of ``window`` that matches ``quote``: (similarity, start, end) in the window."""
    matcher = SequenceMatcher(None, quote, window, autojunk=False)
    blocks = _coherent([b for b in matcher.get_matching_blocks() if b.size >= _MIN_BLOCK], quote)
    if not blocks:
        return None
    matched = sum(b.size for b in blocks)
    if matched < MIN_SIMILARITY * len(quote):
        return None
    # When a few characters at either end were edited ("the" -> "tha"), the span still runs to
    # where the quote's ends fall; a longer unmatched end was cut away, so it is left out.
    reach = max(8, len(quote) // 10)
    first, last = blocks[0], blocks[-1]
    start = max(0, first.b - first.a) if first.a <= reach else first.b
    tail = len(quote) - (last.a + last.size)
    end = min(len(window), last.b + last.size + tail) if tail <= reach else last.b + last.size
    similarity = 2 * matched / (len(quote) + end - start)
    if similarity < MIN_SIMILARITY:
        return None
    return similarity, start, end
