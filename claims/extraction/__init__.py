"""Claim extraction: plain Python, no Django, DRF or Celery (an import-linter contract keeps it so).

Public API::

    segment(text) -> list[Span]
    find_quantities(text) -> list[Quantity]
    score_checkworthiness(sentences) -> list[float]
    CHECKWORTHY_THRESHOLD
    PROPOSAL_THRESHOLD  (the reader's default line: drafts scored at or above it are proposed)
    extract_claims(text, *, language="en", published=None) -> list[ClaimDraft]

``COMPILED`` says whether this process runs the mypyc build of the package (see native.py).

Names are resolved lazily so that importing one part (say, segmentation in a benchmark)
does not load the check-worthiness model.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from . import native

# The compiled modules of build/native where they are built from exactly these sources (see
# native.py); this plain Python otherwise. Before any import of the package's modules.
COMPILED = native.use_build(__path__)

from .types import ClaimDraft, Quantity, Span  # noqa: E402  (after the choice of build above)

if TYPE_CHECKING:
    from .checkworthiness import CHECKWORTHY_THRESHOLD, score_checkworthiness
    from .pipeline import extract_claims
    from .proposals import PROPOSAL_THRESHOLD
    from .quantities import find_quantities
    from .segmentation import segment

_LAZY = {
    "segment": ".segmentation",
    "find_quantities": ".quantities",
    "score_checkworthiness": ".checkworthiness",
    "CHECKWORTHY_THRESHOLD": ".checkworthiness",
    "extract_claims": ".pipeline",
    "PROPOSAL_THRESHOLD": ".proposals",
}

__all__ = [
    "CHECKWORTHY_THRESHOLD",
    "PROPOSAL_THRESHOLD",
    "ClaimDraft",
    "Quantity",
    "Span",
    "extract_claims",
    "find_quantities",
    "score_checkworthiness",
    "segment",
]


def __getattr__(name: str):
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module_name, __name__), name)
    globals()[name] = value
    return value
