"""Render-stage helper for `bibliography`: telling apart citations that would print alike.

An author-date style may ask that two works cited as "Masterjohn, 2007" be told apart:
by showing more of their authors (`disambiguate-add-names`: "Voss, Ma, et al., 2015"
and "Voss, Makadia, et al., 2015"), and else by a letter after the year
(`disambiguate-add-year-suffix`: 2007a and 2007b, in bibliography order). citeproc-py
does neither, and both need the whole bibliography, not one entry. `disambiguate`
decides as Pandoc's citeproc does, from each entry's citation as printed without
disambiguation, its names, and the bibliography order; its answer goes into the
entries' CSL items (`year-suffix`, and `NAMES_SHOWN`), so each formatted entry is still
a function of its own item, and is cached as one.

Not done: adding given names or initials to tell apart authors who share a family name
(`disambiguate-add-givenname` only changes which names count as different here), and
`disambiguate="true"` conditions in a style.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

#: The CSL item key (k2site's own) for how many names a disambiguated citation shows.
NAMES_SHOWN = "k2site-names-shown"

Name = Mapping[str, Any]


@dataclass(frozen=True)
class Rules:
    """A style's `<citation>` disambiguation attributes."""

    add_names: bool = False
    add_givenname: bool = False
    add_year_suffix: bool = False
    givenname_rule: str = "by-cite"

    @property
    def active(self) -> bool:
        return self.add_names or self.add_year_suffix

    @classmethod
    def of_style(cls, style_text: str) -> Rules:
        """The rules of a style's `<citation>` element, read from its text, so that a
        build whose references all come from the cache needs no XML parser."""
        found = _CITATION.search(_XML_COMMENT.sub("", style_text))
        attributes = dict(_ATTRIBUTE.findall(found.group(1))) if found else {}

        def flag(name: str) -> bool:
            return attributes.get(f"disambiguate-add-{name}", "false").strip() == "true"

        return cls(flag("names"), flag("givenname"), flag("year-suffix"),
                   attributes.get("givenname-disambiguation-rule", "by-cite"))


_XML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_CITATION = re.compile(r"<citation\b([^>]*)>")
_ATTRIBUTE = re.compile(r"([\w-]+)\s*=\s*[\"']([^\"']*)[\"']")


def disambiguate(labels: Mapping[str, str], names: Mapping[str, Sequence[Name]],
                 rules: Rules, in_order: Callable[[list[str]], list[str]],
                 ) -> dict[str, dict[str, Any]]:
    """What to add to each key's CSL item so that no two citations print alike.

    `labels` are the citations as printed without disambiguation, `names` the names
    they show (all of them), and `in_order` puts keys in the bibliography's order.
    """
    added: dict[str, dict[str, Any]] = {}
    rule = rules.givenname_rule if rules.add_givenname else None
    for group in _alike(labels):
        if rules.add_names:
            group = _add_names(group, names, rule, added)
        if rules.add_year_suffix and len(group) > 1:
            for number, key in enumerate(in_order(group), 1):
                added.setdefault(key, {})["year-suffix"] = year_suffix(number)
    return added


def _alike(labels: Mapping[str, str]) -> list[list[str]]:
    """The keys whose citations print the same, in groups of two or more."""
    groups: dict[str, list[str]] = {}
    for key, label in labels.items():
        if label:
            groups.setdefault(label, []).append(key)
    return [keys for keys in groups.values() if len(keys) > 1]


def _add_names(group: list[str], names: Mapping[str, Sequence[Name]], rule: str | None,
               added: dict[str, dict[str, Any]]) -> list[str]:
    """Show enough names to tell apart the keys whose name lists differ; the keys that
    showing more names cannot tell apart are returned."""
    most = max((len(names.get(key, ())) for key in group), default=0)

    def told_apart(shown: int) -> list[str]:
        heads = {key: _compared(names.get(key, ())[:shown], rule) for key in group}
        return [key for key in group
                if all(other == key or heads[other] != heads[key] for other in group)]

    distinct = told_apart(most)
    if not distinct:
        return group
    shown = next(n for n in range(1, most + 1) if told_apart(n) == distinct)
    for key in distinct:
        added.setdefault(key, {})[NAMES_SHOWN] = shown
    return [key for key in group if key not in distinct]


def _compared(names: Sequence[Name], rule: str | None) -> tuple[tuple[str, ...], ...]:
    """What of each name counts when names are compared: the given names only as far
    as the style's given-name rule looks at them."""
    return tuple(
        (*(str(name.get(part, "")) for part in _PARTS), _given(name, index, rule))
        for index, name in enumerate(names)
    )


_PARTS = ("literal", "family", "non-dropping-particle", "dropping-particle", "suffix")


def _given(name: Name, index: int, rule: str | None) -> str:
    given = str(name.get("given", ""))
    if rule in ("all-names", "by-cite") or (rule == "primary-name" and index == 0):
        return given
    if rule == "all-names-with-initials" or (rule == "primary-name-with-initials"
                                             and index == 0):
        return "".join(word[0] for word in re.split(r"[\s.\-]+", given) if word)
    return ""


def year_suffix(number: int) -> str:
    """1 -> `a`, 26 -> `z`, 27 -> `aa`, as CSL processors letter them."""
    if number <= 26:
        return chr(ord("a") + number - 1)
    return chr(ord("a") - 1 + (number - 1) // 26) + chr(ord("a") + (number - 1) % 26)
