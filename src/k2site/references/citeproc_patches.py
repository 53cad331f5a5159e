"""Render-stage helper for `bibliography`: fixes to citeproc-py 0.11, applied when imported.

Each fix replaces one method of citeproc-py's style model so that a CSL rule holds that
citeproc-py gets wrong; together they make a bundled style format an entry as `pandoc
--citeproc` does (tests/test_pandoc_compare.py shows the effect of each); the changes
that only make it faster are `citeproc_speed`'s:

- `Substitute.add_to_repressed_list`: a variable used as a substitute is not printed
  again, also when the substitute is a macro (AMA and APA printed an author-less title
  twice).
- `FormatNumber._format_last_page`: the second page of a range is shortened per the
  style's `page-range-format` as Pandoc does, but a longer second number is never cut.
- `Names.process`: names used as a substitute (an editor standing in for the author)
  are not printed again; citeproc-py only suppressed repeated `<text>` variables.
- `If._is_numeric`: CSL's is-numeric accepts `12`, `2a`, `2-4`, `1, 3` and `7.2`, where
  citeproc-py took a single number only.
- `Label._is_plural`: `number-of-pages` is looked up on the reference, not the citation.
- `Label.process`, `Key.sort_keys`: a names element's label ("(Ed.)") is no part of a
  sort key.
- `Name.process`: BibTeX's `and others` ends the name list with "et al.", and a
  citation disambiguated by adding names shows them (`disambiguation`).
- `Names.process`: while `names_marked` lasts, the names are marked in the output, to
  cut a citation into its author-only and author-suppressed forms.
- `Date.render_single_date`: a locale's date format joins its parts with its own
  delimiter, not the calling element's (`2006Jan`).
- `TextCased.case`: `text-case="title"` as Pandoc's citeproc applies it (`capitalisation`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from citeproc import model as citeproc_model
from citeproc.source import VariableError
from citeproc.string import String

from k2site.references import citeproc_speed  # noqa: F401  # imported for its faster internals
from k2site.references.capitalisation import title_case
from k2site.references.citeproc_markup import NAMES_CLOSE, NAMES_OPEN
from k2site.references.disambiguation import NAMES_SHOWN


def _repress_substituted(self: Any, child: Any, context: Any) -> None:
    """CSL: a variable used as a substitute is not printed again. citeproc-py forgets
    this when the substitute is a macro (AMA and APA print an author-less title twice)."""
    repressed = context.get_layout().repressed
    for element in _called_elements(child, set()):
        for variable in (element.get("variable") or "").split() or [None]:
            repressed.setdefault(element.tag, []).append(variable)


def _called_elements(element: Any, seen: set[str]) -> list[Any]:
    """The element and every element with a variable in the macros it calls, recursively."""
    found = [element]
    name = element.get("macro")
    if name and name not in seen:
        seen.add(name)
        for inner in element.get_macro(name).iter():
            if inner.get("variable"):
                found.append(inner)
            if inner.get("macro"):
                found += _called_elements(inner, seen)
    return found


def _last_page(self: Any, first: str, last: str) -> str:
    """The second page of a range per `page-range-format`, as Pandoc's citeproc shortens
    it, except that a longer second number is never cut (Pandoc turns `1-11` into `1-1`,
    and `10:1-10:17` into `10:1-7`)."""
    page_format = self.get_root().get_option("page-range-format")
    first_prefix, last_prefix = first.rstrip("0123456789"), last.rstrip("0123456789")
    if page_format is None or first_prefix != last_prefix:
        return last
    x, y = first[len(first_prefix) :], last[len(last_prefix) :]
    if not x or not y:
        return last
    if len(y) < len(x):
        y = x[: len(x) - len(y)] + y  # `1620-35` means `1620-1635`
    if page_format == "expanded":
        return last_prefix + y
    if len(y) > len(x):
        return y  # `10:1-10:17` is `10:1-17`: the shared prefix goes, as in Pandoc
    if page_format.startswith("chicago"):
        return _chicago_last_page(x, y)
    return _minimal_last_page(x, y, 2 if page_format == "minimal-two" else 1)


def _minimal_last_page(x: str, y: str, threshold: int) -> str:
    common = len(os.path.commonprefix([x, y]))
    rest = y[common:]
    return y[-threshold:] if len(rest) < threshold <= len(y) else rest


def _chicago_last_page(x: str, y: str) -> str:
    if len(x) < 3 or x.endswith("00"):
        return y
    if x[-2:-1] == "0":
        return _minimal_last_page(x, y, 1)
    if len(x) == 4 and sum(a != b for a, b in zip(x, y, strict=False)) >= 3:
        return y
    return _minimal_last_page(x, y, 2)


def _names_not_repressed(self: Any, item: Any, *args: Any, **kwargs: Any) -> Any:
    """Names used as a substitute (an editor standing in for the author) are not printed
    again; citeproc-py only suppressed repeated `<text>` variables."""
    context = kwargs.get("context")
    try:
        repressed = (self if context is None else context).get_layout().repressed
    except IndexError:  # rendered for sorting, outside any layout
        repressed = {}
    roles = (self.get("variable") or "").split()
    kept = [role for role in roles if role not in repressed.get(self.tag, [])]
    if kept == roles:
        return _ORIGINAL_NAMES_ELEMENT(self, item, *args, **kwargs)
    if not kept:
        raise VariableError
    self.set("variable", " ".join(kept))  # the style tree is shared: restore it after
    try:
        return _ORIGINAL_NAMES_ELEMENT(self, item, *args, **kwargs)
    finally:
        self.set("variable", " ".join(roles))


_NUMERIC = re.compile(r"^[A-Za-z]*\d+[A-Za-z]*(?:\s*[-\u2013&,.]\s*[A-Za-z]*\d+[A-Za-z]*)*$")


def _if_is_numeric(self: Any, item: Any) -> list[bool]:
    """CSL's is-numeric: `12`, `2a`, `2-4`, `1, 3`, `7.2` (citeproc-py took one number)."""
    found = []
    for variable in self.get("is-numeric").split():
        try:
            value = str(item.reference[variable.replace("-", "_")])
        except VariableError:
            value = ""
        found.append(bool(_NUMERIC.match(value.strip())))
    return found


def _label_is_plural(self: Any, item: Any) -> bool:
    """citeproc-py looked `number-of-pages` up on the citation, not the reference."""
    variable = self.get("variable") or ""
    if not variable.startswith("number-of"):
        return bool(_ORIGINAL_IS_PLURAL(self, item))
    try:
        value = str(item.reference[variable.replace("-", "_")])
    except VariableError:
        return False
    digits = re.match(r"\d+", value)
    return digits is not None and int(digits.group()) > 1


def _name_list(self: Any, item: Any, variable: str, context: Any = None,
               sort_options: Any = None, **kwargs: Any) -> Any:
    """BibTeX's `and others` ends the list with "et al.", and a citation disambiguated by
    adding names shows as many as it was given (`NAMES_SHOWN`), as in Pandoc's citeproc."""
    names = item.reference.get(variable, [])
    others = bool(names) and names[-1].get("literal") == "others"
    if sort_options is not None and others:  # a sort key: sorted by the known names
        item.reference[variable] = names[:-1]
        try:
            return _ORIGINAL_NAMES(self, item, variable, context, sort_options, **kwargs)
        finally:
            item.reference[variable] = names
    if sort_options is None:
        sort_options = _et_al(self, item, len(names), others, context) or None
    return _ORIGINAL_NAMES(self, item, variable, context, sort_options, **kwargs)


def _et_al(self: Any, item: Any, count: int, others: bool, context: Any) -> dict[str, Any]:
    """The et-al options for a name list that ends in `others` or was disambiguated.

    `others` counts as a name, as in Pandoc: when the style shortens the list, it is
    shortened as usual; else every known name is shown, then "et al.". The last name is
    unknown, so a style's `et-al-use-last` ("A, B, ... Z") does not apply.
    """
    shown = int(str(item.reference.get(_NAMES_SHOWN_VARIABLE, 0)))
    if not others and not shown:
        return {}
    minimum = self.get_option("et-al-min", context)
    first = self.get_option("et-al-use-first", context)
    shortened = bool(minimum) and count >= minimum
    if others and not shortened:
        minimum, first, shortened = count, count - 1, True
    if shown and shortened:
        first = max(first, shown)
        if first >= count and not others:
            minimum = 0  # every name fits: no "et al."
    options: dict[str, Any] = {"et-al-min": minimum, "et-al-use-first": first}
    if others:
        options.update({"et-al-use-first": min(first, count - 1), "et-al-use-last": "false"})
    return options


_SORTING = False


def _sort_keys(self: Any, items: Any, context: Any) -> Any:
    """A sort key's values, with `_SORTING` set: citeproc-py does not pass its sort
    options on through `<text macro=...>`, so an element cannot tell otherwise."""
    global _SORTING
    _SORTING = True
    try:
        return _ORIGINAL_SORT_KEYS(self, items, context)
    finally:
        _SORTING = False


def _label_not_in_sort_keys(self: Any, item: Any, *args: Any, **kwargs: Any) -> Any:
    """The label of a names element ("(Ed.)") is no part of a sort key, as in Pandoc's
    citeproc: "Westfahl, G. (Ed.)" sorted after "Westfahl, G." by its label."""
    if _SORTING and self.getparent().tag.endswith("}names"):
        return None
    return _ORIGINAL_LABEL(self, item, *args, **kwargs)


_NAMES_SHOWN_VARIABLE = NAMES_SHOWN.replace("-", "_")
_MARKING_NAMES = False


@contextmanager
def names_marked() -> Iterator[None]:
    """While it lasts, the names of what is rendered are marked (see `markup`), so that
    the author-only and author-suppressed forms can be cut from a citation."""
    global _MARKING_NAMES
    _MARKING_NAMES = True
    try:
        yield
    finally:
        _MARKING_NAMES = False


def _names_element(self: Any, item: Any, *args: Any, **kwargs: Any) -> Any:
    """A `<names>` element, its output marked while `names_marked` lasts."""
    text = _names_not_repressed(self, item, *args, **kwargs)
    if not _MARKING_NAMES or text is None or isinstance(text, int) \
            or kwargs.get("sort_options") is not None:
        return text
    return String(NAMES_OPEN) + text + String(NAMES_CLOSE)


def _locale_date_join(self: Any, date: Any, show_parts: Any = None, context: Any = None) -> Any:
    """A locale's date format joins its parts with its own delimiter (CSL 1.0.2,
    Localized Date Formats); citeproc-py took the calling element's (`2006Jan`)."""
    if context != self:
        parts = self.parts(date, show_parts, context)
    else:
        parts = self.parts(date, show_parts)
    return self.join(parts) if parts else None


def _case(self: Any, text: Any, language: str | None = None) -> Any:
    """`text-case="title"` as Pandoc's citeproc applies it (hyphenated words, last word)."""
    if self.get("text-case") == "title" and language in (None, "en"):
        return title_case(text)
    return _ORIGINAL_CASE(self, text, language)


# The fixes take effect here, once, when the module is first imported; the fixes that
# call citeproc-py's own method keep it as `_ORIGINAL_...`.

_ORIGINAL_NAMES = citeproc_model.Name.process
_ORIGINAL_NAMES_ELEMENT = citeproc_model.Names.process
citeproc_model.Names.process = _names_element
_ORIGINAL_IS_PLURAL = citeproc_model.Label._is_plural
citeproc_model.Label._is_plural = _label_is_plural
_ORIGINAL_LABEL = citeproc_model.Label.process
citeproc_model.Label.process = _label_not_in_sort_keys
_ORIGINAL_SORT_KEYS = citeproc_model.Key.sort_keys
citeproc_model.Key.sort_keys = _sort_keys
citeproc_model.If._is_numeric = _if_is_numeric
_ORIGINAL_CASE = citeproc_model.TextCased.case
citeproc_model.TextCased.case = _case
citeproc_model.Date.render_single_date = _locale_date_join
citeproc_model.Substitute.add_to_repressed_list = _repress_substituted
citeproc_model.FormatNumber._format_last_page = _last_page
citeproc_model.Name.process = _name_list
