"""The value types the extraction engine returns. Plain dataclasses, no framework."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

QUALIFIERS = ("exact", "about", "more_than", "at_least", "less_than", "at_most", "between", "up_to")
QUANTITY_KINDS = ("number", "percent", "currency", "dimension", "count", "ordinal", "ratio")
# "opinion": a judgement a speaker is reported to hold ("X said the plan was a disaster"): what
# can be checked is that they said it, not the judgement, so it is not proposed as a fact.
CLAIM_KINDS = (
    "quantity",
    "comparison",
    "attribution",
    "quote",
    "prediction",
    "causal",
    "event",
    "opinion",
)


@dataclass(frozen=True, slots=True)
class Span:
    """A sentence: ``text[start:end]``, stripped of surrounding whitespace."""

    start: int
    end: int


@dataclass(slots=True)
class Quantity:
    """A number found in text, with its interval and what it counts.

    ``start``/``end`` cover the whole surface, qualifier words included. Open interval ends
    are ``None``. Percent values are percentage points (12% -> 12).
    """

    start: int
    end: int
    text: str
    value: float | None
    low: float | None = None
    high: float | None = None
    low_inclusive: bool = True
    high_inclusive: bool = True
    qualifier: str = "exact"
    unit: str | None = None
    kind: str = "number"

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(slots=True)
class ClaimDraft:
    """A check-worthy statement anchored in its article.

    ``quote == text[start:end]`` of the article; ``prefix``/``suffix`` are up to 32 characters
    either side, so the claim can be re-anchored when the article changes. ``score`` is the
    probability that a fact-checker would want to check the sentence; ``proposed`` says it is at
    or above the reader's default line (``proposals.PROPOSAL_THRESHOLD``): below it, the draft
    is kept under "more", not lost.
    """

    start: int
    end: int
    quote: str
    text: str
    score: float
    kinds: list[str] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    claimant: str | None = None
    prefix: str = ""
    suffix: str = ""
    proposed: bool = True

    def to_dict(self) -> dict:
        return asdict(self)
