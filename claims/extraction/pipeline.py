"""From article text to claim drafts: segment, score, find quantities, draft, anchor.

Every sentence gets a proposal score (``proposals.py``): the probability that a fact-checker
would want to check it, from layout and wording cues and the check-worthiness model. A draft at
or above ``PROPOSAL_THRESHOLD`` is proposed; one below it is returned with ``proposed=False``
(the reader shows it under "more"), so a sentence the model undervalues is one click away, not
lost. Two kinds of sentence are not returned at all:

- page furniture: a line with an advert, newsletter or copyright cue, a short credit, a contact
  line, a question (``furniture.looks_like_furniture``), a caption of a flattened gallery of
  another story (``furniture.gallery_sentences``) that the model scores below the line;
  listing adverts under "more" would only bury the story's own sentences. Furniture the model
  scores above the line is returned with its score cut to half the line: never proposed, and
  so is a draft that is an order or invitation ("Sit down with me to negotiate") and a
  hypothetical without a figure ("If the talks fail, the strike will go ahead",
  ``furniture.is_conditional``);
- a repeat: a sentence already returned earlier in the article (a copyright line, an advert or
  a pull quote printed twice) is drafted once.

Headings above the article (a dateline, a kicker, a headline: lines of their own without closing
punctuation, see ``segmentation.leading_headings``) are neither scored nor drafted, nor is a
headline glued to the first sentence of a flattened page (``_without_glued_headline``). Credits,
prompts and editor's labels glued to a sentence, and a picture credit that closes a caption, are
split off it first (``_split_glued_lines``). A sentence scored below 0.65 of the line gets the
quote, trimmed, as its draft; the others are drafted by ``drafting.draft_claim``.

Quantities are found in one pass over the whole text and handed to their sentences, which is
cheaper than a call per sentence.

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

from .checkworthiness import score_checkworthiness
from .drafting import ArticleContext, draft_claim, quote_draft
from .furniture import (
    gallery_sentences,
    glued_credit_gaps,
    is_conditional,
    is_imperative,
    looks_like_furniture,
)
from .proposals import PROPOSAL_THRESHOLD, article_features, proposal_scores
from .quantities import find_quantities
from .segmentation import leading_headings, segment
from .types import ClaimDraft, Quantity, Span

CONTEXT_CHARS = 32
logger = logging.getLogger(__name__)


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
    spans, sentences, by_sentence, features = sentence_inputs(text)
    scores = proposal_scores(features)
    context = ArticleContext(text=text)
    gallery = gallery_sentences(text, spans)
    claims, seen = [], set()
    for span, sentence, score, quantities, in_gallery in zip(
        spans, sentences, scores, by_sentence, gallery, strict=True
    ):
        words = sentence.split()
        key = " ".join(words).lower()
        if key in seen:
            continue
        seen.add(key)
        if in_gallery or looks_like_furniture(sentence, n_words=len(words)):
            if score < PROPOSAL_THRESHOLD:
                continue
            # Furniture glued to a sentence the model likes: under "more", never proposed.
            score = min(score, PROPOSAL_THRESHOLD / 2)
        elif score >= PROPOSAL_THRESHOLD and is_conditional(sentence, quantities):
            # A hypothetical ("If the talks fail, the strike will go ahead"): under "more".
            score = PROPOSAL_THRESHOLD / 2
        proposed = score >= PROPOSAL_THRESHOLD
        claims.append(_claim(text, span, sentence, score, quantities, context, proposed))
    return claims


def sentence_inputs(
    text: str, *, every_cue: bool = False
) -> tuple[list[Span], list[str], list[list[Quantity]], list[list[float]]]:
    """The sentences of an article with their quantities and proposal features.

    The training command of the proposal model calls this too, so it learns from exactly what
    the pipeline scores.
    """
    spans = _without_doubled_headline(text, segment(text))
    # A dateline or headline above the article restates it or labels it; it claims nothing.
    headings = leading_headings(text, spans)
    spans = spans[headings:]
    if not headings and spans:
        spans = _without_glued_headline(text, spans)
    spans = _split_glued_lines(text, spans)
    sentences = [text[span.start : span.end] for span in spans]
    by_sentence = _quantities_by_sentence(text, spans)
    scores = score_checkworthiness(sentences)
    features = article_features(sentences, scores, by_sentence, every_cue=every_cue)
    return spans, sentences, by_sentence, features


def _without_doubled_headline(text: str, spans: list[Span]) -> list[Span]:
    """Drop a headline a flattened page prints twice before the story ("Global warming could
    be far worse than predicted, new study suggests Global warming could be far worse than
    predicted, new study suggests Scientists ..."): the text opens with a run of words
    repeated at once. What follows the second copy is the story.
    """
    words = list(_WORD_SPAN.finditer(text, 0, _DOUBLED_HEADLINE_CHARS))
    tokens = [word.group() for word in words]
    for size in range(_MIN_HEADLINE_WORDS - 1, len(tokens) // 2 + 1):
        if tokens[:size] == tokens[size : 2 * size]:
            cut = words[2 * size - 1].end()
            break
    else:
        return spans
    kept = []
    for span in spans:
        if span.end <= cut:
            continue
        start = max(span.start, cut)
        while start < span.end and text[start].isspace():
            start += 1
        kept.append(Span(start, span.end))
    return kept


_WORD_SPAN = re.compile(r"\S+")
_DOUBLED_HEADLINE_CHARS = 600


def _without_glued_headline(text: str, spans: list[Span]) -> list[Span]:
    """Drop a headline glued to the first sentence, as a heading line of its own is dropped.

    A flattened page opens "Deaths in police custody at highest level for five years The
    number of people dying ...": a word without punctuation, then a capitalised sentence
    opener followed by a lower-case word. Only openers that do not occur inside a title
    ("The", "There", "More", "For", numbers ...) are taken, and the headline must have four
    words or more, so that a title-case headline ("... Due To A Warming Planet") is left whole.
    """
    first = spans[0]
    match = _GLUED_HEADLINE.search(text, first.start, min(first.end, first.start + 250))
    if match is None or len(text[first.start : match.start()].split()) < _MIN_HEADLINE_WORDS:
        return spans
    if len(text[match.end() : first.end].split()) < _MIN_SENTENCE_WORDS:
        return spans
    return [Span(match.end(), first.end), *spans[1:]]


_MIN_HEADLINE_WORDS = 4
_MIN_SENTENCE_WORDS = 6
_GLUED_HEADLINE = re.compile(
    r"(?<=[a-z0-9%\u2019'\")])\s+(?=(?:The|There|More|Fewer|Almost|Nearly|About|Around|Over|"
    r"For|In|After|When|Some|Many|Most|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|"
    r"Hundreds|Thousands|Millions|Scientists|Researchers|Officials|Police)\s+[a-z])"
)


def _split_glued_lines(text: str, spans: list[Span]) -> list[Span]:
    """Split a sentence where a line of page furniture is glued to it.

    Flattened pages keep a line break as two spaces: "Credit: Nuffield Trust  The study also
    found ...", "Read our privacy notice  While some people ...". The piece before the gap is
    its own span when a capital or a quotation mark opens the piece after it, so the credit or
    prompt is judged alone and the story's sentence keeps its claim. A picture agency's name in
    front of a sentence ("GETTY The results of the poll ...") is split off the same way, and so
    is an editor's label in capitals after a headline ("... claims CORRECTION: An earlier ...").
    A credit glued after a caption ("... engulfed by fire Getty Images Grenfell tower fire A
    firefighter ...", a flattened gallery) ends the caption's piece: the caption keeps the
    credit, which marks it as furniture, and the next piece starts after it.
    """
    split = []
    # Once per text: a test of the whole text per sentence would be quadratic.
    has_gaps = "  " in text
    credits = glued_credit_gaps(text)
    credit_starts = [gap.start for gap in credits]
    for span in spans:
        start = span.start
        credit = _LEADING_CREDIT.match(text, span.start, span.end)
        if credit:
            split.append(Span(start, credit.end(1)))
            start = credit.end()
        first = bisect_right(credit_starts, start)
        last = bisect_right(credit_starts, span.end)
        for gap in _glued_line_starts(text, start, span.end, has_gaps, credits[first:last]):
            if gap.start < start:
                continue  # overlaps a gap already taken
            if gap.start > start:
                split.append(Span(start, gap.start))
            start = gap.end
        split.append(Span(start, span.end) if start > span.start else span)
    return split


def _glued_line_starts(
    text: str, start: int, end: int, has_gaps: bool, credits: list[Span]
) -> list[Span]:
    """The gaps inside a sentence: where one piece ends (``start``) and the next begins."""
    gaps = [Span(*gap.span()) for gap in _LINE_GAP.finditer(text, start, end)] if has_gaps else []
    if text.find(":", start, end) != -1:
        gaps.extend(Span(*gap.span()) for gap in _CAPS_LABEL.finditer(text, start, end))
    if credits:
        gaps.extend(credits)
    if len(gaps) > 1:
        gaps.sort(key=lambda gap: gap.start)
    return gaps


# An editor's label in capitals glued after a headline: "... new report claims CORRECTION: An
# earlier version ...", "... UPDATE: The minister ...".
# Both open with a space, which the engine skips to, and only then look behind it: the
# lookbehind first, "(?<![ ])[ ]{2,}", made the engine try every character.
_CAPS_LABEL = re.compile(r"[ \u200b](?<![ \u200b].)[ \u200b]*(?=[A-Z]{3,}(?: [A-Z]{2,})?:\s)")
_LINE_GAP = re.compile(r"[ \t\u00a0](?<![ \t\u00a0].)[ \t\u00a0]+(?=[A-Z\"\u201c\u2018'])")
# A picture agency's credit left in front of the next sentence: "GETTY The results of ...".
# Or a photographer's credit: "Photograph by Tom Murphy, National Geographic However, ...".
# Or an advert's label: "Advertisement But Mr Cameron insisted ...".
_LEADING_CREDIT = re.compile(
    r"((?:GETTY|Getty(?: Images)?|EPA|AFP|PA|AP|Alamy|ALAMY|REUTERS|Shutterstock|"
    r"REX|Rex Features|PA Wire|AP Photo)"
    r"|(?:Advertisement|ADVERTISEMENT)(?: (?:Advertisement|ADVERTISEMENT))*"
    r"|(?:Photo(?:graph)?|Picture|Image|Illustration|Video|Footage)s?(?: by|:) "
    r"[A-Z][\w.'-]*(?: [A-Z][\w.'-]*)*(?:[,/] ?[A-Z][\w.'-]*(?: [A-Z][\w.'-]*)*)?)"
    r"\s+(?=[A-Z\"\u201c][a-z\"\u201c ])"
)


def _is_english(language: str) -> bool:
    primary = re.split(r"[-_]", (language or "").strip().lower(), maxsplit=1)[0]
    return primary in {"en", "eng", "english"}


def _claim(
    text: str,
    span: Span,
    sentence: str,
    score: float,
    quantities: list[Quantity],
    context: ArticleContext,
    proposed: bool,
) -> ClaimDraft:
    below = score < PROPOSAL_THRESHOLD * _DRAFTED_SHARE_OF_LINE
    if below:
        # Far below the line: the draft is the quote, trimmed. Drafting every sentence of an
        # article would cost a third of the time for drafts nobody is shown first.
        draft = quote_draft(sentence, context, offset=span.start)
    else:
        draft = draft_claim(sentence, quantities, offset=span.start, context=context)
        if proposed and (is_imperative(draft.text) or "opinion" in draft.kinds):
            # An order or invitation ("Sit down with me to negotiate"), or an opinion that is
            # only attributed ("X said the plan was a disaster"): never proposed as a fact.
            score, proposed = min(score, PROPOSAL_THRESHOLD / 2), False
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
        proposed=proposed,
    )


# Drafting is a third of the cost: sentences scored below this share of the line get their
# quote. About two thirds of news330's sentences are drafted (7,284 of 11,189 at the line of
# 0.39), as many as before the line moved from 0.26 with half the line (7,357).
_DRAFTED_SHARE_OF_LINE = 0.65


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
