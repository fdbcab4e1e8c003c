"""The language of an article's text, as an ISO 639-1 code.

py3langid (langid.py's model, numpy only, no download at run time) classifies the first
thousand characters (plenty for a language) in well under a millisecond. A page's own ``lang``
attribute is often a template default ("en" on every page of a multilingual site), so the text
decides when the model is confident and the declaration is only the fallback.
"""

from __future__ import annotations

import math
import re

SAMPLE_CHARS = 1000
# py3langid's normalised probability; below this, short or mixed texts are too unsure to trust.
MIN_CONFIDENCE = 0.7

_identifier = None
_NOT_LETTERS = re.compile(r"[\W\d_]+")


def _model():
    global _identifier
    if _identifier is None:
        # Deferred: loading the model takes most of a second, once per process that needs it.
        from py3langid.langid import _load_identifier

        _identifier = _load_identifier(norm_probs=True)
    return _identifier


def detect_language(text: str, *, declared: str = "") -> str:
    """The text's language code, or the declared one (``en-GB`` -> ``en``) when unsure."""
    declared = declared.strip().lower().replace("_", "-").split("-", 1)[0][:16]
    sample = text[:SAMPLE_CHARS]
    if len(_NOT_LETTERS.sub("", sample[:400])) < 20:
        return declared
    code, confidence = _model().classify(sample)
    if math.isnan(confidence) or confidence < MIN_CONFIDENCE:
        return declared
    return code
