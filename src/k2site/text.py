"""Three small text helpers every stage shares, written once: counted nouns, URL slugs
and HTML escaping. Imports nothing, so that any module may use them."""

from __future__ import annotations

import re


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """`3, "claim"` -> `3 claims`; `1, "study", "studies"` -> `1 study`."""
    word = singular if count == 1 else (plural_form or singular + "s")
    return f"{count} {word}"


def slugify(text: str, empty: str = "section") -> str:
    """Text -> a URL fragment of a-z, 0-9 and single hyphens; `empty` when none is left."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or empty


def escape_html(text: str, quote: bool = True) -> str:
    """`&`, `<` and `>` as character references, and with `quote` `"` and `'` too (as
    Jinja's autoescape writes them), so that the text is safe in an attribute value."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&#34;").replace("'", "&#39;") if quote else text
