"""Parse stage: `people.yaml`, the people who write and medically review the articles.

    jane-doe:
      name: Jane Doe
      credentials: MD, MPH
      role: Medical reviewer
      url: https://example.org/jane
      bio: Jane is a general practitioner.

Pure: the file's text in, `Person` values and positioned diagnostics out.
"""

from __future__ import annotations

from typing import Any

import yaml

from k2site.content.front_matter import SLUG, load_mapping, validate
from k2site.diagnostics import Diagnostic, error
from k2site.model.document import Person

try:  # the C loader is several times faster where libyaml is present
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


def _as_text(v: Any) -> str | None:
    return v.strip() if isinstance(v, str) and v.strip() else None


def _as_url(v: Any) -> str | None:
    text = _as_text(v)
    return text if text and text.lower().startswith(("http://", "https://")) else None


#: What `people.yaml` says of one person: converter and the expected type, in words.
PERSON_KEYS = {
    "name": (_as_text, "a text"),
    "credentials": (_as_text, "a text such as MD, MPH"),
    "role": (_as_text, "a text such as Medical reviewer"),
    "url": (_as_url, "an http(s) address"),
    "bio": (_as_text, "a text"),
}


def parse_people(path: str, text: str) -> tuple[dict[str, Person], list[Diagnostic]]:
    """`people.yaml` -> each person by id, in the file's order; problems point at the
    id or key that has them."""
    values, id_lines, problems = load_mapping(path, text, 1)
    if values is None:
        return {}, [_retag(d) for d in problems]
    key_lines = _nested_key_lines(text)
    people: dict[str, Person] = {}
    for person_id, fields in values.items():
        line = id_lines.get(person_id, 1)
        if not SLUG.match(person_id):
            problems.append(error(path, line, 1, "people",
                                  f"person id '{person_id}' may hold only a-z, 0-9 and single"
                                  " hyphens: it is the address of their page"))
            continue
        if not isinstance(fields, dict):
            problems.append(error(path, line, 1, "people",
                                  f"'{person_id}' must be a mapping with at least a 'name'"))
            continue
        lines = key_lines.get(person_id, {})
        typed, more = validate(path, fields, lines, PERSON_KEYS, (), "people")
        if "name" not in fields:
            more.append(error(path, line, 1, "people",
                              f"'{person_id}' has no 'name': the name readers see is required"))
        problems += more
        if not more:
            people[person_id] = Person(id=person_id, line=line, **typed)
    return people, problems


def _nested_key_lines(text: str) -> dict[str, dict[str, int]]:
    """Line of each key of each person's mapping, by person id."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError:
        return {}
    found: dict[str, dict[str, int]] = {}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(value, yaml.MappingNode):
                found[str(key.value)] = {str(k.value): 1 + k.start_mark.line
                                         for k, _ in value.value}
    return found


def _retag(d: Diagnostic) -> Diagnostic:
    message = d.message.replace("the front matter", "people.yaml")
    return Diagnostic(d.path, d.line, d.col, d.severity, "people", message)
