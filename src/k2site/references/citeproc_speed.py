"""Render-stage helper for `bibliography`: faster citeproc-py 0.11 internals, same output.

citeproc-py is pure Python and formats an entry in about half a millisecond, most of it
in a few small methods called hundreds of times per entry. Each replacement here returns
exactly what the method it replaces returns, for the style trees k2site loads (which do
not change shape once `bibliography` has parsed them); `citeproc_patches`, which changes
what citeproc-py prints, imports this module, so both apply together:

- `normalize_seam`: the seam between two pieces of output is their last and first
  character; citeproc-py joined the whole output so far to find the last one, at every
  concatenation.
- `CitationStylesElement.xpath_search`: each lookup is cached, as style trees do not
  change shape after loading (a third of the formatting time).
- `CitationItem.reference`, `CitationStylesElement.get_root`, `Locale.get_option`:
  looked up once per cited item, element, and locale option (a quarter of the rest);
  `Formatted.format` passes text through at once when there is no formatting to apply.
- `SomewhatObjectifiedElement.__getattr__`: a child element looked up by name (`layout`,
  `terms`, `name`) once per element, not with an lxml search each time.
- `If._type`: the types an `<if type=...>` tests, split once per element.
- `MixedString.__add__`: a plain string is wrapped before it is added, where citeproc-py
  first tried to add it as a list and caught the `TypeError`.
- `CiteProcJSON.parse_string`: a value without a `nocase` span is one piece, made at once.
- `CitationStylesBibliography.register`: whether an item is registered already is looked
  up in a set, not in the list of all registered keys (3,000 at 1,000 pages).
"""

from __future__ import annotations

from typing import Any

import citeproc
from citeproc import model as citeproc_model
from citeproc import string as citeproc_string
from citeproc.frontend import CitationStylesBibliography
from citeproc.source.json import CiteProcJSON
from citeproc.string import MixedString, String

_SEAM_PUNCTUATION = citeproc_string.SEAM_PUNCTUATION
_strip_first_char = citeproc_string._strip_first_char


def _last_char(text: Any) -> str:
    """`str(text)[-1:]` without joining a whole `MixedString`: its last non-empty piece's."""
    if isinstance(text, MixedString):
        for piece in reversed(text):
            if last := _last_char(piece):
                return last
        return ""
    return str(text)[-1:]


def _first_char(text: Any) -> str:
    """`str(text)[:1]`, from the first non-empty piece of a `MixedString`."""
    if isinstance(text, MixedString):
        for piece in list.__iter__(text):
            if first := _first_char(piece):
                return first
        return ""
    return str(text)[:1]


def _normalize_seam(left: Any, other: Any) -> Any:
    """citeproc-py's `normalize_seam`: `other` without its first character when that
    would double the space or the punctuation mark that `left` ends with."""
    last = _last_char(left)
    if not last:
        return other
    first = _first_char(other)
    if not first:
        return other
    if last == first and (first == " " or first in _SEAM_PUNCTUATION):
        return _strip_first_char(other)
    return other


_CHILDREN: dict[tuple[Any, str], Any] = {}


def _child(self: Any, name: str) -> Any:
    """The first child element called `name` (citeproc-py's attribute-style access)."""
    key = (self, name)
    try:
        return _CHILDREN[key]
    except KeyError:
        found = _CHILDREN[key] = self.find("cs:" + name, self.nsmap)
        return found


_TYPES: dict[Any, list[str]] = {}


def _if_type(self: Any, item: Any) -> list[bool]:
    """Whether the item is each of the types an `<if type=...>` names."""
    types = _TYPES.get(self)
    if types is None:
        types = _TYPES[self] = [name.lower() for name in self.get("type").split()]
    kind = item.reference.type
    return [name == kind for name in types]


def _mixed_add(self: MixedString, other: Any) -> MixedString:
    """`self + other` as citeproc-py adds to a `MixedString`, without the exception."""
    if other == "":
        return self
    other = _normalize_seam(self, other)
    if other == "" or other == []:
        return self
    if not isinstance(other, list):
        other = MixedString([other])
    return self.__class__(list.__add__(self, other))


_NOCASE_OPEN = CiteProcJSON.start_tag
_ORIGINAL_PARSE_STRING = CiteProcJSON.parse_string


def _parse_string(self: CiteProcJSON, value: Any) -> MixedString:
    """A CSL-JSON string as citeproc-py reads it; without a `nocase` span, one piece."""
    text = str(value)
    if _NOCASE_OPEN in text.lower():
        return _ORIGINAL_PARSE_STRING(self, text)
    return MixedString([String(text)]) if text else MixedString()


def _register(self: CitationStylesBibliography, citation: Any, callback: Any = None) -> None:
    """citeproc-py's `register`: the citation's items that the source knows are added to
    the bibliography's keys and items, once each; the others go to `callback`."""
    citation.bibliography = self
    seen: set[str] | None = self.__dict__.get("_k2site_keys")
    if seen is None or len(seen) != len(self.keys):  # `sort` reorders the same keys
        seen = self.__dict__["_k2site_keys"] = set(self.keys)
    for item in citation.cites:
        if item.key in self.source:
            if item.key not in seen:
                seen.add(item.key)
                self.keys.append(item.key)
                self.items.append(item)
        elif callback is not None:
            callback(item)


_XPATH_CACHE: dict[tuple[Any, str], Any] = {}


def _cached_xpath(self: Any, expression: str) -> Any:
    """citeproc-py looks macros, terms and layouts up by XPath for every entry; the style
    trees do not change shape after loading, so each answer is kept (a third of the time)."""
    key = (self, expression)
    found = _XPATH_CACHE.get(key)
    if found is None:
        found = _XPATH_CACHE[key] = _ORIGINAL_XPATH(self, expression)
    return found


_ROOTS: dict[Any, Any] = {}


def _cached_root(self: Any) -> Any:
    """An element's root, looked up once (asked for half a million times in 2,000 entries)."""
    found = _ROOTS.get(self)
    if found is None:
        found = _ROOTS[self] = self.getroottree().getroot()
    return found


_LOCALE_OPTIONS: dict[tuple[Any, str], tuple[Any, ...]] = {}


def _cached_locale_option(self: Any, name: str) -> Any:
    """A locale's style option, read once: citeproc-py searched the locale each time."""
    key = (self, name)
    if key not in _LOCALE_OPTIONS:
        try:
            _LOCALE_OPTIONS[key] = (_ORIGINAL_LOCALE_OPTION(self, name),)
        except IndexError:  # this locale has no such option: the caller asks the next one
            _LOCALE_OPTIONS[key] = ()
    found = _LOCALE_OPTIONS[key]
    if not found:
        raise IndexError(name)
    return found[0]


def _cached_reference(self: Any) -> Any:
    """A cited item's reference, looked up once: citeproc-py went through three dict
    lookups and two attribute hooks for each of the hundred-odd uses in one entry."""
    found = self.__dict__.get("_reference")
    if found is None:
        found = self.bibliography.source[self.key]
        object.__setattr__(self, "_reference", found)  # CustomDict would store an item
    return found


_FORMATTING = ("font-style", "font-variant", "font-weight", "text-decoration",
               "vertical-align")


_FORMATTED: dict[Any, bool] = {}


def _format(self: Any, text: Any) -> Any:
    """Text through the element's formatting: none at all for most elements, which
    citeproc-py found out by asking the formatter five times (and this, once)."""
    formatted = _FORMATTED.get(self)
    if formatted is None:
        formatted = _FORMATTED[self] = any(self.get(name) is not None for name in _FORMATTING)
    if formatted:
        return _ORIGINAL_FORMAT(self, text)
    return str(text) if isinstance(text, (int, float)) else text


citeproc.CitationItem.reference = property(_cached_reference)
citeproc_model.CitationStylesElement.get_root = _cached_root
_ORIGINAL_LOCALE_OPTION = citeproc_model.Locale.get_option
citeproc_model.Locale.get_option = _cached_locale_option
_ORIGINAL_FORMAT = citeproc_model.Formatted.format
citeproc_model.Formatted.format = _format
_ORIGINAL_XPATH = citeproc_model.CitationStylesElement.xpath_search
citeproc_model.CitationStylesElement.xpath_search = _cached_xpath
citeproc_string.normalize_seam = _normalize_seam
citeproc_model.normalize_seam = _normalize_seam
citeproc_model.SomewhatObjectifiedElement.__getattr__ = _child
citeproc_model.If._type = _if_type
MixedString.__add__ = _mixed_add  # type: ignore[assignment,method-assign]
MixedString.__iadd__ = _mixed_add  # type: ignore[assignment,method-assign]
CiteProcJSON.parse_string = _parse_string  # type: ignore[method-assign]
CitationStylesBibliography.register = _register  # type: ignore[method-assign]
