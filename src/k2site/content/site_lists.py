"""Parse stage: the list settings of `site.yaml`, `warnings` and `synonyms`, validated item
by item with the line and column PyYAML's nodes give, so that a bad item is pointed at.

    warnings:
      - title: Taking warfarin?        # optional
        text: Vitamin K can weaken ...  # required
        topics: [supplements, dosing]   # optional: the pages with any of these topics
        pages: [safety]                 # optional: these page slugs
    synonyms:
      - [MK-7, menaquinone-7]
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from k2site.diagnostics import Diagnostic, error
from k2site.model.document import SiteWarning

STR = "tag:yaml.org,2002:str"
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
WARNING_KEYS = ("text", "title", "topics", "pages")
LIST_KEYS = frozenset({"warnings", "synonyms"})


def parse_lists(path: str, text: str, keys: set[str]) -> tuple[dict[str, Any], list[Diagnostic]]:
    """The typed `warnings` and `synonyms` of `keys` (those site.yaml sets, already known
    to be lists), and an error for each bad item."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    found: dict[str, Any] = {}
    problems: list[Diagnostic] = []
    if not isinstance(root, yaml.MappingNode):
        return found, problems
    for key_node, value in root.value:
        if key_node.value in keys and isinstance(value, yaml.SequenceNode):
            parse = _warnings if key_node.value == "warnings" else _synonyms
            found[key_node.value], more = parse(path, value)
            problems += more
    return found, problems


def _at(path: str, node: yaml.Node, message: str, rule: str = "site-config") -> Diagnostic:
    return error(path, node.start_mark.line + 1, node.start_mark.column + 1, rule, message)


def _text(node: yaml.Node) -> str | None:
    if isinstance(node, yaml.ScalarNode) and node.tag == STR and node.value.strip():
        return " ".join(node.value.split())
    return None


def _texts(node: yaml.Node) -> tuple[str, ...] | None:
    if not isinstance(node, yaml.SequenceNode):
        return None
    items = [_text(item) for item in node.value]
    return None if any(i is None for i in items) else tuple(i for i in items if i)


def _warnings(path: str, seq: yaml.SequenceNode
              ) -> tuple[tuple[SiteWarning, ...], list[Diagnostic]]:
    warnings, problems = [], []
    for item in seq.value:
        if not isinstance(item, yaml.MappingNode):
            problems.append(_at(path, item, "each warning must be a mapping with a 'text' and,"
                                " if it concerns only some pages, 'topics' or 'pages'"))
            continue
        warning, more = _warning(path, item)
        problems += more
        if warning is not None:
            warnings.append(warning)
    return tuple(warnings), problems


def _warning(path: str, item: yaml.MappingNode) -> tuple[SiteWarning | None, list[Diagnostic]]:
    fields: dict[str, Any] = {}
    problems = []
    for key, value in item.value:
        name = key.value
        if name not in WARNING_KEYS:
            problems.append(_at(path, key, f"unknown key '{name}' in a warning; the keys are:"
                                f" {', '.join(WARNING_KEYS)}", "unknown-key"))
        elif name in ("text", "title"):
            fields[name] = _text(value)
            if fields[name] is None:
                problems.append(_at(path, value, f"a warning's '{name}' must be a text"))
        else:
            fields[name] = _texts(value)
            if fields[name] is None:
                problems.append(_at(path, value, f"a warning's '{name}' must be a list of"
                                    f" {'topics' if name == 'topics' else 'page slugs'}"))
            elif name == "pages" and (bad := [p for p in fields[name] if not SLUG.match(p)]):
                problems.append(_at(path, value, f"'{bad[0]}' is not a page slug"))
    if "text" not in fields:
        problems.append(_at(path, item, "a warning needs a 'text'"))
    if problems:
        return None, problems
    return SiteWarning(line=item.start_mark.line + 1, col=item.start_mark.column + 1,
                       **fields), []


def _synonyms(path: str, seq: yaml.SequenceNode
              ) -> tuple[tuple[tuple[str, ...], ...], list[Diagnostic]]:
    groups, problems = [], []
    for item in seq.value:
        words = _texts(item)
        if words is None or len({w.casefold() for w in words}) < 2:
            problems.append(_at(path, item, "each synonym group must be a list of two or more"
                                " different words, such as [MK-7, menaquinone-7]"))
        else:
            groups.append(words)
    return tuple(groups), problems
