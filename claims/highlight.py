"""The article text cut into segments so that every claim can be highlighted, overlaps included.

Claims may overlap or nest (a sentence and a clause inside it), so highlights are not nested
elements: the text is cut at every claim boundary and each piece knows which claims cover it.
Each piece carries its offset in the plain text (``data-offset``), which the reader's script uses
to turn a browser selection back into character offsets.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class Segment:
    start: int
    end: int
    text: str
    claims: tuple  # the claims covering this piece, innermost (shortest) first

    @property
    def claim(self):
        return self.claims[0] if self.claims else None


def segments(text: str, claims: Iterable) -> list[Segment]:
    """Cut ``text`` at every claim boundary. Claims outside the text are clipped or skipped."""
    length = len(text)
    spans = [c for c in claims if 0 <= c.start < c.end and c.start < length]
    cuts = {0, length}
    for claim in spans:
        cuts.add(claim.start)
        cuts.add(min(claim.end, length))
    cuts = sorted(cuts)
    # Sweep: claims sorted by start enter the active set; a claim leaves when its end is passed.
    spans.sort(key=lambda c: (c.start, -(c.end - c.start)))
    result: list[Segment] = []
    active: list = []
    next_span = 0
    for start, end in pairwise(cuts):
        while next_span < len(spans) and spans[next_span].start <= start:
            active.append(spans[next_span])
            next_span += 1
        active = [c for c in active if c.end > start]
        covering = tuple(sorted(active, key=lambda c: (c.end - c.start, c.start, c.pk or 0)))
        result.append(Segment(start, end, text[start:end], covering))
    return result


def render(text: str, claims: Iterable, *, selected_id: int | None = None) -> SafeString:
    """The article as HTML: plain pieces in ``<span>``, claimed pieces in ``<mark>``. Every piece
    of text is escaped here.

    A highlight is not a link: a mouse drag that starts inside a link drags the link instead of
    selecting text, and most of an article is highlighted. The reader's script opens the claim
    of a clicked piece (``data-claim``, the innermost claim) when nothing is selected; the first
    piece of each claim takes the keyboard focus (``tabindex``)."""
    titles: dict = {}  # per claim, built once however many pieces it spans
    focusable: set = set()

    def title(claim) -> str:
        if claim.pk not in titles:
            score = "" if claim.score is None else f", score {claim.score:.2f}"
            titles[claim.pk] = escape(f"{claim.get_status_display()}{score}: {claim.text}")
        return titles[claim.pk]

    parts = []
    for seg in segments(text, claims):
        body = escape(seg.text)
        claim = seg.claim
        if claim is None:
            parts.append(f'<span data-offset="{seg.start}">{body}</span>')
            continue
        classes = f"hl st-{claim.status}"
        if len(seg.claims) > 1:
            classes += " hl-overlap"
        if claim.pk == selected_id:
            classes += " hl-selected"
        ids = " ".join(str(c.pk) for c in seg.claims)
        focus = "" if claim.pk in focusable else ' tabindex="0"'
        focusable.add(claim.pk)
        # The score is shown after the claim's last piece by CSS (attr()), so it never enters
        # the text a reader selects.
        ending = next((c for c in seg.claims if c.end == seg.end and c.score is not None), None)
        score_attr = "" if ending is None else f' data-score="{ending.score:.2f}"'
        parts.append(
            f'<mark class="{classes}" data-offset="{seg.start}" data-claims="{ids}" '
            f'data-claim="{claim.pk}" title="{title(claim)}"{focus}{score_attr}>{body}</mark>'
        )
    return mark_safe("".join(parts))  # noqa: S308 - every piece above is escaped
