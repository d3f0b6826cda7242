"""Markdown comments to safe HTML. Plain Python, no Django.

Markdown is rendered with Python-Markdown, then everything is sanitised with nh3 (the Rust
``ammonia`` sanitiser; bleach is deprecated): only the tags and attributes below survive, no
script, no event handler, no ``style``, no ``javascript:`` or ``data:`` URL, and every link gets
``rel="nofollow noopener"``. The result is safe to insert into a page as it is.
"""

from __future__ import annotations

import markdown
import nh3

TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "del",
    "em",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "li",
    "ol",
    "p",
    "pre",
    "s",
    "strong",
    "sub",
    "sup",
    "ul",
}
ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow noopener"

MAX_LENGTH = 10_000  # characters of Markdown in one comment


def sanitize(html: str) -> str:
    """``html`` with everything outside the allow-list removed."""
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    )


def render(source: str) -> str:
    """Safe HTML for a Markdown comment ("" for an empty one)."""
    if not source or not source.strip():
        return ""
    html = markdown.markdown(source, extensions=["sane_lists"], output_format="html")
    return sanitize(html).strip()
