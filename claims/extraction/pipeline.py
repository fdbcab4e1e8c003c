"""From article text to claim drafts: segment, score, keep, find quantities, draft, anchor.

Which sentences are kept:

- every sentence the check-worthiness model scores ``>= CHECKWORTHY_THRESHOLD``;
- below it, a sentence that states a quantity (a count, percentage, amount of money, measure),
  quotes a speaker, or relays a named source's report ("Reuters reports that ...", "according
  to the UN ..."). The model was trained on debate transcripts, not news prose, and these are
  the statements fact-checkers check first: a figure can be verified against a source, and an
  attribution pins a claim on a person or an outlet. Years, ordinals and a bare "zero" ("on
  March 3, 2022", "the second round", "ground zero") rescue nothing: they claim nothing
  checkable. Nor does a plain "X said ...": below the threshold that is mostly talk.

Headings above the article (a dateline, a kicker, a headline: lines of their own without closing
punctuation, see ``segmentation.leading_headings``) are neither scored nor drafted.

Quantities are found in one pass over the whole text and handed to their sentences, which is
cheaper than a call per sentence; drafting runs only on the sentences kept.

Language: the model's features, the attribution and drafting rules and the number words are
English. For any other language the pipeline returns no drafts rather than wrong ones; the
annotators mark claims by hand, and ``segment``/``find_quantities`` stay available to callers
that want the raw parts.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_right
from datetime import date

from .checkworthiness import CHECKWORTHY_THRESHOLD, score_checkworthiness
from .drafting import ArticleContext, draft_claim
from .quantities import find_quantities
from .segmentation import leading_headings, segment
from .types import ClaimDraft, Quantity, Span

CONTEXT_CHARS = 32
logger = logging.getLogger(__name__)

_SPEAKER_QUOTE = re.compile(
    r"[\"\u201c][^\"\u201c\u201d]*?\w\s+\w[^\"\u201c\u201d]*?\s+\w[^\"\u201c\u201d]*[\"\u201d]"
    r"[^\"\u201c\u201d]{0,80}?\b(?:said|says|told|added|wrote|tweeted|asked|insisted|warned)\b"
    r"|\b(?:said|says|told|added|wrote|tweeted|asked|insisted|warned)\b[^\"\u201c\u201d]{0,40}?"
    r"[:,]?\s*[\"\u201c][^\"\u201c\u201d]*?\w\s+\w[^\"\u201c\u201d]*?\s+\w"
)
_YEAR = re.compile(r"(?:1[89]|20)\d\d")


def extract_claims(
    text: str, *, language: str = "en", published: date | None = None
) -> list[ClaimDraft]:
    """Claim drafts of an article, in text order, each anchored by offsets and a text quote.

    ``published`` is accepted for callers that know it; the English rules keep relative dates
    ("last week") as written, so it does not change the drafts yet.
    """
    del published  # see docstring: accepted, not used by the rules yet
    if not _is_english(language) or not text.strip():
        return []
    spans = segment(text)
    # A dateline or headline above the article restates it or labels it; it claims nothing.
    spans = spans[leading_headings(text, spans) :]
    sentences = [text[span.start : span.end] for span in spans]
    scores = score_checkworthiness(sentences)
    by_sentence = _quantities_by_sentence(text, spans)
    context = ArticleContext(text=text)
    claims = []
    for span, sentence, score, quantities in zip(
        spans, sentences, scores, by_sentence, strict=True
    ):
        keep = score >= CHECKWORTHY_THRESHOLD or _worth_rescuing(sentence, quantities)
        if keep or _may_report_a_source(sentence):
            claim = _claim(text, span, sentence, score, quantities, context)
            # Below the threshold, a reported statement is kept when drafting found who said it.
            if keep or claim.claimant is not None:
                claims.append(claim)
    return claims


def _is_english(language: str) -> bool:
    primary = re.split(r"[-_]", (language or "").strip().lower(), maxsplit=1)[0]
    return primary in {"en", "eng", "english"}


def _may_report_a_source(sentence: str) -> bool:
    return any(verb in sentence for verb in _REPORTING_VERBS)


# "X reports that", "according to X": a source reporting a fact. "X said" is left to the model:
# below its threshold, what people say is mostly talk ("I try not to let my emotions ...").
_REPORTING_VERBS = (" reports", " reported", " according to", "According to")


def _worth_rescuing(sentence: str, quantities: list[Quantity]) -> bool:
    return any(map(_is_checkable_quantity, quantities)) or _quotes_a_speaker(sentence)


def _claim(
    text: str,
    span: Span,
    sentence: str,
    score: float,
    quantities: list[Quantity],
    context: ArticleContext,
) -> ClaimDraft:
    draft = draft_claim(sentence, quantities, offset=span.start, context=context)
    return ClaimDraft(
        start=span.start,
        end=span.end,
        quote=sentence,
        text=draft.text,
        score=score,
        kinds=draft.kinds,
        quantities=quantities,
        claimant=draft.claimant,
        prefix=text[max(0, span.start - CONTEXT_CHARS) : span.start],
        suffix=text[span.end : span.end + CONTEXT_CHARS],
    )


def _quotes_a_speaker(sentence: str) -> bool:
    # Substring tests first: the expression is slow and few sentences quote anyone.
    has_quote = '"' in sentence or "\u201c" in sentence or "\u201d" in sentence
    return (
        has_quote
        and any(verb in sentence for verb in _QUOTE_VERBS)
        and _SPEAKER_QUOTE.search(sentence) is not None
    )


_QUOTE_VERBS = ("said", "says", "told", "added", "wrote", "tweeted", "asked", "insisted", "warned")


def _quantities_by_sentence(text: str, spans: list[Span]) -> list[list[Quantity]]:
    """Quantities of each sentence, with offsets into the whole text.

    One pass of the finder over the whole text costs less than a call per sentence. A quantity
    that would straddle two sentences belongs to neither.
    """
    try:
        found = find_quantities(text)
    except Exception:  # a finder bug on one odd input: retry sentence by sentence
        logger.exception("find_quantities failed on a text of %d characters", len(text))
        return [_quantities(text[span.start : span.end], span.start) for span in spans]
    starts = [span.start for span in spans]
    by_sentence: list[list[Quantity]] = [[] for _ in spans]
    for quantity in found:
        index = bisect_right(starts, quantity.start) - 1
        if index >= 0 and quantity.end <= spans[index].end:
            by_sentence[index].append(quantity)
    return by_sentence


def _quantities(sentence: str, offset: int) -> list[Quantity]:
    """Quantities of one sentence, with offsets into the whole text."""
    try:
        quantities = find_quantities(sentence)
    except Exception:  # a finder bug on one odd sentence must not lose the article's claims
        logger.exception("find_quantities failed on %r", sentence[:200])
        return []
    found = []
    for quantity in quantities:
        if 0 <= quantity.start < quantity.end <= len(sentence):
            quantity.start += offset
            quantity.end += offset
            found.append(quantity)
    return found


def _is_checkable_quantity(quantity: Quantity) -> bool:
    # Ordinals ("the second round") and a bare zero ("ground zero") are no figures to check.
    if quantity.kind == "ordinal" or (quantity.value == 0 and quantity.unit is None):
        return False
    # A year alone ("in 2022") dates the sentence; it is not a figure anyone would check.
    bare = quantity.text.strip()
    return not (quantity.unit is None and quantity.kind == "number" and _YEAR.fullmatch(bare))
