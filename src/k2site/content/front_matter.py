"""Parse stage: YAML front matter and `site.yaml`, validated with exact positions."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from k2site.content.site_lists import LIST_KEYS, parse_lists
from k2site.diagnostics import Diagnostic, error
from k2site.model.document import SiteConfig, Update

try:  # the C loader is several times faster where libyaml is present
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_FENCE = re.compile(r"^---[ \t]*$")
_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$")


@dataclass(frozen=True)
class FrontMatter:
    """A page file split into its front matter values and its Markdown body."""

    values: dict[str, Any]
    key_lines: dict[str, int]
    """Line of each key in the file, for diagnostics."""
    body: str
    body_line: int
    """Line of the file where the body starts."""
    source: str = ""
    """The YAML text between the fences, for `item_positions`."""


def split(path: str, text: str) -> tuple[FrontMatter | None, list[Diagnostic]]:
    """Split a page into front matter and body; a page must start with `---`."""
    lines = text.split("\n")
    if not lines or not _FENCE.match(lines[0].lstrip("\ufeff")):
        return None, [error(path, 1, 1, "front-matter",
                            "a page must start with a '---' line opening its YAML front matter")]
    end = next((i for i in range(1, len(lines)) if _END.match(lines[i])), None)
    if end is None:
        return None, [error(path, 1, 1, "front-matter",
                            "the front matter opened on line 1 is never closed with '---'")]
    values, key_lines, problems = load_mapping(path, "\n".join(lines[1:end]), 2)
    if values is None:
        return None, problems
    body = "\n".join(lines[end + 1 :])
    return FrontMatter(values, key_lines, body, end + 2, "\n".join(lines[1:end])), problems


def item_positions(matter: FrontMatter, keys: tuple[str, ...]) -> dict[str, tuple[int, int]]:
    """Line and column of each item of the list under `keys` (`authors.0`), read from the
    YAML node tree: a person id named wrongly is pointed at where it is written."""
    node = yaml.compose(matter.source, Loader=_Loader)
    found: dict[str, tuple[int, int]] = {}
    if not isinstance(node, yaml.MappingNode):
        return found
    for key, value in node.value:
        if key.value in keys and isinstance(value, yaml.SequenceNode):
            for i, item in enumerate(value.value):
                found[f"{key.value}.{i}"] = (2 + item.start_mark.line, item.start_mark.column + 1)
    return found


def load_mapping(
    path: str, text: str, first_line: int
) -> tuple[dict[str, Any] | None, dict[str, int], list[Diagnostic]]:
    """YAML text that must be a mapping -> (values, line of each key, problems)."""
    # One parse gives both the node tree (for the key lines) and the values, as
    # `yaml.load` builds them from the same tree: composing and loading apart read the
    # text twice, a fifth of the time of splitting a page.
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        values = loader.construct_document(node) if node is not None else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = first_line + mark.line if mark else first_line
        col = mark.column + 1 if mark else 1
        problem = getattr(exc, "problem", None) or str(exc)
        lines = text.split("\n")
        source_line = lines[mark.line] if mark and mark.line < len(lines) else ""
        hint = yaml_hint(problem, source_line, mark.column if mark else 0)
        message = f"{hint} (YAML: {problem})" if hint else f"invalid YAML: {problem}"
        return None, {}, [error(path, line, col, "front-matter", message)]
    except ValueError as exc:  # a date that does not exist, such as 2026-02-30
        line, col = _bad_date(text)
        return None, {}, [error(path, first_line + line, col, "front-matter",
                                f"invalid date: {exc}")]
    finally:
        loader.dispose()
    if not isinstance(values, dict):
        return None, {}, [error(path, first_line, 1, "front-matter",
                                "the front matter must be a mapping of keys to values")]
    key_lines = {}
    if isinstance(node, yaml.MappingNode):
        key_lines = {str(k.value): first_line + k.start_mark.line for k, _ in node.value}
    return {str(k): v for k, v in values.items()}, key_lines, []


def yaml_hint(problem: str, line: str, col: int) -> str:
    """The likely cause of a YAML error and its fix, in an editor's words, or ''."""
    if "\t" in line[: col + 1] or "tab" in problem:
        return "a tab in the indentation: YAML indents with spaces only; replace the tab" \
               " with spaces"
    key, colon, value = line.partition(":")
    if colon and "mapping values are not allowed" in problem:
        return (f"the value of '{key.strip()}' holds a colon followed by a space, which YAML"
                f" reads as a new key: put the value in quotes, e.g. {key.strip()}:"
                f" \"{value.strip()}\"")
    if "quoted scalar" in problem or ("expected key" in problem and value.count('"') > 2):
        return "a quotation mark inside a quoted value ends it early: quote the value with" \
               " the other kind of quotation mark (' or \"), or double a ' inside '...'"
    return ""


def value_position(text: str, key: str) -> tuple[int, int]:
    """Line and column of a top-level key's value in a YAML mapping text (of the key
    when it has no value); (1, 1) when the text has no such key."""
    node = yaml.compose(text, Loader=_Loader)
    for name, value in node.value if isinstance(node, yaml.MappingNode) else ():
        if str(name.value) == key:
            mark = value.start_mark if value.tag != "tag:yaml.org,2002:null" else name.start_mark
            return mark.line + 1, mark.column + 1
    return 1, 1


def _bad_date(text: str) -> tuple[int, int]:
    """Where the first date that YAML reads but the calendar lacks is (0-based line,
    1-based column); PyYAML's error for it carries no position."""
    node = yaml.compose(text, Loader=_Loader)
    stack = [node] if node is not None else []
    while stack:
        item = stack.pop(0)
        if isinstance(item, yaml.ScalarNode) and item.tag.endswith(":timestamp"):
            try:
                dt.date.fromisoformat(str(item.value)[:10])
            except ValueError:
                return item.start_mark.line, item.start_mark.column + 1
        elif isinstance(item, yaml.SequenceNode):
            stack += item.value
        elif isinstance(item, yaml.MappingNode):
            stack += [value for _, value in item.value]
    return 0, 1


def _as_str(v: Any) -> str | None:
    return v if isinstance(v, str) else None


def _as_int(v: Any) -> int | None:
    return v if isinstance(v, int) and not isinstance(v, bool) else None


def _as_bool(v: Any) -> bool | None:
    return v if isinstance(v, bool) else None


def _as_topics(v: Any) -> tuple[str, ...] | None:
    if isinstance(v, list) and all(isinstance(t, str) for t in v):
        return tuple(v)
    return None


def _as_ids(v: Any) -> tuple[str, ...] | None:
    return _as_topics(v)


def _as_updates(v: Any) -> tuple[Update, ...] | None:
    """`[{date: 2026-01-31, text: ...}, ...]`: every item a date and a text, nothing else."""
    if not isinstance(v, list):
        return None
    updates = []
    for item in v:
        if not isinstance(item, dict) or set(item) != {"date", "text"}:
            return None
        date, text = _as_date(item["date"]), item["text"]
        if date is None or not isinstance(text, str) or not text.strip():
            return None
        updates.append(Update(date, text.strip()))
    return tuple(updates)


def _as_list(v: Any) -> list[Any] | None:
    return v if isinstance(v, list) else None


def _as_date(v: Any) -> dt.date | None:
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    if isinstance(v, str):
        try:
            return dt.date.fromisoformat(v.strip())
        except ValueError:
            return None
    return None


#: Front matter keys (SPEC §2): converter and how to describe the expected type.
PAGE_KEYS: dict[str, tuple[Callable[[Any], Any], str]] = {
    "title": (_as_str, "a text"),
    "slug": (_as_str, "a text of a-z, 0-9 and -"),
    "order": (_as_int, "a whole number"),
    "summary": (_as_str, "a text"),
    "topics": (_as_topics, "a list of texts"),
    "reviewed": (_as_date, "a date such as 2026-01-31"),
    "draft": (_as_bool, "true or false"),
    "authors": (_as_ids, "a list of person ids from people.yaml"),
    "reviewed_by": (_as_ids, "a list of person ids from people.yaml"),
    "next_review": (_as_date, "a date such as 2026-01-31"),
    "updates": (_as_updates, "a list of entries such as {date: 2026-01-31, text: What changed}"),
}

SITE_KEYS: dict[str, tuple[Callable[[Any], Any], str]] = {
    "title": (_as_str, "a text"),
    "base_url": (_as_str, "an absolute URL such as https://example.org/"),
    "language": (_as_str, "a language tag such as en"),
    "description": (_as_str, "a text"),
    "author": (_as_str, "a text"),
    "citation_style": (_as_str, "a CSL style name or a path to a .csl file"),
    "disclaimer": (_as_str, "a text"),
    "static_overrides": (_as_topics, "a list of paths under static/, such as [index.html]"),
    # checked item by item in site_lists, once known to be lists
    "warnings": (_as_list, "a list of warnings, each with a 'text'"),
    "synonyms": (_as_list, "a list of synonym groups, such as [MK-7, menaquinone-7]"),
}


def validate(
    path: str,
    values: Mapping[str, Any],
    key_lines: Mapping[str, int],
    schema: Mapping[str, tuple[Callable[[Any], Any], str]],
    required: tuple[str, ...],
    rule: str,
) -> tuple[dict[str, Any], list[Diagnostic]]:
    """Typed values for known keys; an error for each unknown, missing or mistyped key."""
    typed: dict[str, Any] = {}
    problems: list[Diagnostic] = []
    for key, value in values.items():
        line = key_lines.get(key, 1)
        if key not in schema:
            known = ", ".join(schema)
            problems.append(error(path, line, 1, "unknown-key",
                                  f"unknown key '{key}'; the keys are: {known}"))
            continue
        convert, expected = schema[key]
        converted = convert(value) if value is not None else None
        if converted is None:
            problems.append(error(path, line, 1, rule, f"'{key}' must be {expected}"))
        else:
            typed[key] = converted
    for key in required:
        if key not in values:
            problems.append(error(path, 1, 1, rule, f"the required key '{key}' is missing"))
    return typed, problems


def site_config(path: str, text: str) -> tuple[SiteConfig | None, list[Diagnostic]]:
    """`site.yaml` -> SiteConfig, or None with the problems that stop the build."""
    values, key_lines, problems = load_mapping(path, text, 1)
    if values is None:
        return None, [_retag(d, "site-config") for d in problems]
    typed, problems = validate(path, values, key_lines, SITE_KEYS, ("title", "base_url"),
                               "site-config")
    lists, more = parse_lists(path, text, set(typed) & LIST_KEYS)
    typed.update(lists)
    problems += more
    base_url = typed.get("base_url", "")
    if base_url and not re.match(r"^https?://[^/\s]+", base_url):
        problems.append(error(path, key_lines.get("base_url", 1), 1, "site-config",
                              "'base_url' must be an absolute http(s) URL"))
    if any(d.severity == "error" for d in problems):
        return None, problems
    typed["base_url"] = base_url.rstrip("/") + "/"
    return SiteConfig(**typed), problems


def _retag(d: Diagnostic, rule: str) -> Diagnostic:
    return Diagnostic(d.path, d.line, d.col, d.severity, rule, d.message)
