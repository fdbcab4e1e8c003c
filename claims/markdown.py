"""Markdown for comments and verdict summaries, rendered to HTML that is safe to put in a
page, or to plain text where HTML has no place (ClaimReview ``reviewBody``, feeds).

Comments are written by staff, but a staff account can be phished and a pasted snippet can carry
markup, so the HTML is sanitised with nh3 after rendering: a small allow-list of tags, links
limited to http(s) and mailto with ``rel="nofollow noopener"``. Images are dropped: a remote image
is a tracking pixel in a reviewer's browser, and our CSP would block it anyway.
"""

from __future__ import annotations

import html as html_lib
import re

import markdown as md
import nh3

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "b", "i", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "h3", "h4", "h5", "h6", "del",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}


def render_markdown(text: str) -> str:
    """Markdown source -> sanitised HTML (a fragment, ready for ``|safe``)."""
    # Raw HTML in the source is escaped by Markdown's own rules only partly; nh3 is the guard.
    html = md.markdown(text or "", extensions=["sane_lists", "nl2br"], output_format="html")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener",
    )


_BLOCK_END = re.compile(r"</(p|li|h[3-6]|blockquote|pre)>|<br>|<hr>")


def markdown_to_text(text: str) -> str:
    """Markdown source -> plain text: the words as a reader sees them, no markup."""
    html = md.markdown(text or "", extensions=["sane_lists", "nl2br"], output_format="html")
    html = _BLOCK_END.sub(lambda m: m.group(0) + "\n", html)
    plain = html_lib.unescape(nh3.clean(html, tags=set(), clean_content_tags={"script", "style"}))
    return re.sub(r"\n{2,}", "\n", plain).strip()
