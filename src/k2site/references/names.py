"""BibTeX name lists: the one reader of `and`-separated names for the whole package.

Each list becomes CSL name objects, with biblatex's reading of particles such as `van`
and `de`, as Pandoc's BibLaTeX reader makes them (Text.Pandoc.Citeproc.BibTeX); the
same split gives the short author lists of previews and JSON-LD.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from k2site.references import latex

_NAME_ROLES = (("author", "author"), ("editor", "editor"), ("translator", "translator"),
               ("bookauthor", "container-author"), ("director", "director"))


def split_names(field: str) -> list[str]:
    """A BibTeX name list split at its top-level `and`s: `{World Health Organization and
    Partners} and Smith, John` is two names, as BibTeX, biber and Pandoc read it."""
    return split_top(" ".join(field.split()), " and ")


def decoded_names(field: str) -> tuple[str, ...]:
    """Each name of a raw BibTeX name list, its LaTeX decoded: `{World Health Organization
    and Partners}` stays one name, without its braces."""
    return tuple(latex.decode(name) for name in split_names(field))


def csl_names(raw: Mapping[str, str]) -> dict[str, list[dict[str, str]]]:
    """The name fields of an entry as CSL name lists, by CSL variable."""
    found = {}
    prefix = "non-dropping-particle" if _use_prefix(raw) else "dropping-particle"
    for field, variable in _NAME_ROLES:
        if names := split_names(raw.get(field, "")):
            found[variable] = [_name(part, prefix) for part in names]
    if raw.get("editortype", "").strip().lower() == "director" and "editor" in found:
        found["director"] = found.pop("editor")
    return {variable: [n for n in names if n] for variable, names in found.items()}


def _use_prefix(raw: Mapping[str, str]) -> bool:
    """biblatex's `options = {useprefix}`: `van` is then part of the family name."""
    for option in raw.get("options", "").split(","):
        name, _, value = option.partition("=")
        if name.strip().lower() == "useprefix":
            return value.strip().lower() in ("", "true")
    return False


def _name(source: str, particle: str = "dropping-particle") -> dict[str, str]:
    """One BibTeX name: `First von Last`, `von Last, First` or `von Last, Jr, First`."""
    source = source.strip()
    if source == "others":
        return {"literal": "others"}  # BibTeX's truncation mark, kept as Pandoc keeps it
    if source.startswith("{") and _closing_brace(source, 0) == len(source) - 1:
        return {"literal": latex.decode(source)}  # {World Health Organization}
    if "=" in source.split(",", 1)[0]:
        return _extended_name(source)
    parts = [_words(part) for part in split_top(source, ",")]
    if len(parts) == 1:
        first, von_last = _split_first(parts[0])
        jr: list[str] = []
    else:
        von_last, first = parts[0], parts[-1]
        jr = parts[1] if len(parts) > 2 else []
    von, last = _split_von(von_last)
    name = {
        "family": " ".join(latex.decode(w) for w in last),
        "given": _space_initials(" ".join(latex.decode(w) for w in first)),
        particle: " ".join(latex.decode(w) for w in von),
        "suffix": " ".join(latex.decode(w) for w in jr),
    }
    return {part: value for part, value in name.items() if value}


def _split_first(words: list[str]) -> tuple[list[str], list[str]]:
    capitals = 0
    while capitals < len(words) and _capitalized(words[capitals]):
        capitals += 1
    if capitals == len(words) and words:
        return words[:-1], words[-1:]
    return words[:capitals], words[capitals:]


def _split_von(words: list[str]) -> tuple[list[str], list[str]]:
    """biblatex's reading (as Pandoc's): the von part is the leading lower-case words."""
    lower = 0
    while lower < len(words) and not _capitalized(words[lower]):
        lower += 1
    if lower == len(words) and words:
        return words[:-1], words[-1:]
    return words[:lower], words[lower:]


def _capitalized(word: str) -> bool:
    for char in latex.decode(word):
        if char.isalpha():
            return char.isupper()
    return True


def _space_initials(given: str) -> str:
    """`J.G.` -> `J. G.`, as Pandoc does, so both spellings format alike."""
    return re.sub(r"(?<![^\s.])([A-Z])\.(?=[A-Z])", r"\1. ", given)


def _extended_name(source: str) -> dict[str, str]:
    """biblatex's `family=Smith, given=John, prefix=van` name format."""
    keys = {"family": "family", "given": "given", "prefix": "dropping-particle",
            "suffix": "suffix"}
    name: dict[str, str] = {}
    for part in split_top(source, ","):
        key, _, value = part.partition("=")
        if key.strip().lower() in keys:
            name[keys[key.strip().lower()]] = latex.decode(value.strip())
    return name


def _words(text: str) -> list[str]:
    """Words of a name; an unescaped `~` (a tie) separates words too."""
    return [w for w in split_top(re.sub(r"(?<!\\)~", " ", text), " ") if w.strip()]


def split_top(text: str, separator: str) -> list[str]:
    """Split at `separator` outside braces; `and` matches in any case, as in BibTeX."""
    parts, depth, start, index = [], 0, 0, 0
    lowered = text.lower()
    size = len(separator)
    if "{" not in text and len(lowered) == len(text):  # no braces: every separator counts
        while (index := lowered.find(separator, start)) >= 0:
            parts.append(text[start:index].strip())
            start = index + size
        parts.append(text[start:].strip())
        return [p for p in parts if p]
    while index < len(text):
        char = text[index]
        depth += 1 if char == "{" else -1 if char == "}" and depth else 0
        if depth == 0 and lowered.startswith(separator, index):
            parts.append(text[start:index].strip())
            index = start = index + size
            continue
        index += 1
    parts.append(text[start:].strip())
    return [p for p in parts if p]


def _closing_brace(text: str, start: int) -> int:
    depth = 0
    for index in range(start, len(text)):
        depth += {"{": 1, "}": -1}.get(text[index], 0)
        if depth == 0:
            return index
    return -1
