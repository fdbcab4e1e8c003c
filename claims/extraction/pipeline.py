"""From article text to claim drafts: segment, score, keep, find quantities, draft, anchor.

Which sentences are kept:

- every sentence the check-worthiness model scores ``>= CHECKWORTHY_THRESHOLD``;
- below it, a sentence that states a quantity (a count, percentage, amount of money, measure)
  or quotes a named speaker. The model was trained on debate transcripts and under-scores news
  prose ("Enerhodar ... accounts for about one-quarter of the country's power generation"), and
  these two are the statements fact-checkers check first: figures can be verified against a
  source, and a quote pins a claim on a person. Bare dates and years ("on March 3, 2022") do not
  rescue a sentence: they date an event without claiming anything checkable about it.

Language: the model's features, the attribution and drafting rules and the number words are
English. For any other language the pipeline returns no drafts rather than wrong ones; the
annotators mark claims by hand, and ``segment``/``find_quantities`` stay available to callers
that want the raw parts.
"""

from __future__ import annotations

import logging
import re
from datetime import date

from .checkworthiness import CHECKWORTHY_THRESHOLD, score_checkworthiness
from .drafting import ArticleContext, draft_claim
from .quantities import find_quantities
from .segmentation import segment
from .types import ClaimDraft, Quantity, Span

CONTEXT_CHARS = 32
logger = logging.getLogger(__name__)

# Cheap tests before running the quantity finder on a sentence the model did not keep: a digit,
# or one of the number words that carry most spelled-out figures.
_DIGIT = re.compile(r"\d")
_NUMBER_WORDS = re.compile(
    r"\b(?:[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en|[Tt]welve"
    r"|[Tt]wenty|[Tt]hirty|[Ff]orty|[Ff]ifty|hundreds?|thousands?|millions?|billions?|trillions?"
    r"|dozens?|[Hh]alf|third|quarter|percent)\b"
)
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
    sentences = [text[span.start : span.end] for span in spans]
    scores = score_checkworthiness(sentences)
    context = ArticleContext(text=text)
    claims = []
    for span, sentence, score in zip(spans, sentences, scores, strict=True):
        claim = _claim(text, span, sentence, score, context)
        if claim is not None:
            claims.append(claim)
    return claims


def _is_english(language: str) -> bool:
    primary = re.split(r"[-_]", (language or "").strip().lower(), maxsplit=1)[0]
    return primary in {"en", "eng", "english"}


def _claim(
    text: str, span: Span, sentence: str, score: float, context: ArticleContext
) -> ClaimDraft | None:
    quantities: list[Quantity] | None = None
    if score < CHECKWORTHY_THRESHOLD:
        if _DIGIT.search(sentence) or _NUMBER_WORDS.search(sentence):
            quantities = _quantities(sentence, span.start)
        if not any(map(_is_checkable_quantity, quantities or ())) and not _quotes_a_speaker(
            sentence
        ):
            return None
    if quantities is None:
        quantities = _quantities(sentence, span.start)
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
    if quantity.kind == "ordinal":
        return False
    # A year alone ("in 2022") dates the sentence; it is not a figure anyone would check.
    bare = quantity.text.strip()
    return not (quantity.unit is None and quantity.kind == "number" and _YEAR.fullmatch(bare))
