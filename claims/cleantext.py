"""Control characters: kept out of stored text, and out of what the outputs write.

One ``\\v`` in a retraction notice made the Atom feed 500 for everyone: XML 1.0 cannot carry
C0 control characters other than tab, newline and carriage return, and Django's feed writer
refuses them. So text is cleaned where it comes in (imports and the services strip, the admin
and model forms refuse through ``validate_no_control_characters``), and the XML writer cleans
again with ``xml_text``, for rows stored before this rule or written around it.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

# C0 controls but tab, newline and carriage return; DEL and the C1 controls; lone surrogates
# (they cannot be encoded) and the two non-characters XML excludes.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Vertical tab and form feed separate lines or pages: they become a newline, not nothing,
# so that the words either side stay apart.
_LINE_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})


def has_control_characters(text: str) -> bool:
    return _CONTROL.search(text) is not None


def strip_control_characters(text: str) -> str:
    """``text`` without control characters (vertical tab and form feed become newlines)."""
    if not text or not has_control_characters(text):
        return text
    return _CONTROL.sub("", text.translate(_LINE_BREAKS))


def xml_text(value: object) -> str:
    """Any stored value as text that XML 1.0 can carry."""
    return strip_control_characters("" if value is None else str(value))


def validate_no_control_characters(text: str) -> None:
    """Model field validator: the admin and model forms refuse control characters."""
    if text and has_control_characters(text):
        found = _CONTROL.search(text).group()
        raise ValidationError(
            f"Remove the control character U+{ord(found):04X}; only tabs and line breaks may "
            "appear in text.",
            code="control_character",
        )
