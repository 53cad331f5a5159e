"""Render stage: what reference managers and search engines read of a page itself.

Highwire Press `citation_*` meta tags (Zotero, Google Scholar), the people and dates of
its schema.org JSON-LD, and the page as BibTeX, RIS and CSL-JSON for the "Cite this
page" box. Pure: values from the page's CSL-JSON item (`views.page_csl`) and the site.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

from k2site.model.document import Page, Person, Study
from k2site.model.publication import people_of
from k2site.model.site import Site
from k2site.references.names import decoded_names


class References:
    """Each study's `citation_reference`, made once per build: a study is cited from many
    pages and reads the same on each. None for a source that could not be identified,
    which has nothing a reference manager could find."""

    def __init__(self) -> None:
        self._made: dict[str, str | None] = {}

    def __call__(self, study: Study) -> str | None:
        if study.key not in self._made:
            self._made[study.key] = None if study.verification == "unresolved" \
                else reference(study)
        return self._made[study.key]


def highwire(site: Site, page: Page, cited: Iterable[Study],
             references: References | None = None) -> list[tuple[str, str]]:
    """The page's `citation_*` meta tags, in the order Google Scholar documents them,
    and a `citation_reference` for each study it cites, in citation order."""
    tags = [("citation_title", site.page_titles[page.slug])]
    tags += [("citation_author", name) for name in _author_names(site, page)]
    if page.reviewed:
        tags.append(("citation_publication_date", page.reviewed.strftime("%Y/%m/%d")))
    made = [(references or References())(study) for study in cited]
    tags += [("citation_reference", text) for text in made if text is not None]
    return tags


def reference(study: Study) -> str:
    """One cited study as `citation_reference` content: `citation_title=...; ...`, the
    key=value form journals' pages use (a `;` inside a value would end it: a `,` it is)."""
    pages = _PAGE_RANGE.sub("\0", study.get("pages"), count=1).partition("\0")
    fields = [("citation_title", study.get("title"))]
    fields += [("citation_author", name)
               for name in decoded_names(study.raw_fields.get("author", ""))
               if name.lower() != "others"]  # BibTeX's "and others" marks a cut list
    fields += [("citation_journal_title", study.get("journal")),
               ("citation_publication_date", study.get("year")),
               ("citation_volume", study.get("volume")), ("citation_issue", study.get("number")),
               ("citation_firstpage", pages[0]), ("citation_lastpage", pages[2]),
               ("citation_doi", study.get("doi")), ("citation_pmid", study.get("pmid"))]
    return "; ".join(f"{name}={' '.join(value.replace(';', ',').split())}"
                     for name, value in fields if value.strip())


_PAGE_RANGE = re.compile(r"\s*[-–—]+\s*")


def _author_names(site: Site, page: Page) -> list[str]:
    authors = people_of(page, "authors", site.people)
    if authors:
        return [person.name for person in authors]
    return [site.config.author] if site.config.author else []


def jsonld_people(site: Site, page: Page) -> dict[str, Any]:
    """schema.org `author` and `reviewedBy` from people.yaml, and `dateModified` from the
    page's latest update; empty where the page has none of them."""
    data: dict[str, Any] = {}
    for key, name in (("authors", "author"), ("reviewed_by", "reviewedBy")):
        people = people_of(page, key, site.people)
        if people:
            data[name] = [person_jsonld(site, p) for p in people]
    if page.updates:
        data["dateModified"] = max(u.date for u in page.updates).isoformat()
    return data


def person_jsonld(site: Site, person: Person) -> dict[str, Any]:
    """A person as schema.org `Person`, with their page here and their own elsewhere."""
    data: dict[str, Any] = {"@type": "Person", "name": person.name,
                            "url": f"{site.config.base_url}people/{person.id}/"}
    if person.credentials:
        data["honorificSuffix"] = person.credentials
    if person.role:
        data["jobTitle"] = person.role
    if person.url:
        data["sameAs"] = person.url
    return data


def cite_formats(item: Mapping[str, Any]) -> list[dict[str, str]]:
    """The page's CSL-JSON item as BibTeX, RIS and CSL-JSON text, for readers to copy."""
    return [{"name": "BibTeX", "text": bibtex(item)}, {"name": "RIS", "text": ris(item)},
            {"name": "CSL-JSON", "text": csl_json(item)}]


def csl_json(item: Mapping[str, Any]) -> str:
    """A CSL-JSON list of the one item, a variable a line: readable, and written by the C
    encoder (an indented dump takes the pure-Python one, many times slower)."""
    lines = [f"    {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in item.items()]
    return "[\n  {\n" + ",\n".join(lines) + "\n  }\n]"


def _names(item: Mapping[str, Any]) -> list[str]:
    return [name.get("literal") or " ".join(
        p for p in (name.get("given"), name.get("family")) if p) for name in item.get("author", [])]


def _date_parts(item: Mapping[str, Any]) -> list[int]:
    parts: list[int] = (item.get("issued", {}).get("date-parts") or [[]])[0]
    return parts


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_LATEX_SPECIAL = re.compile(r"([\\{}&%$#_~^])")
_LATEX_ESCAPE = {"\\": r"\textbackslash{}", "~": r"\textasciitilde{}", "^": r"\^{}"}


def _latex(text: str) -> str:
    return _LATEX_SPECIAL.sub(lambda m: _LATEX_ESCAPE.get(m[1], "\\" + m[1]), text)


def bibtex(item: Mapping[str, Any]) -> str:
    """A `@misc` entry, which BibTeX and biblatex styles both print as a web page."""
    fields = [("author", " and ".join(_latex(n) for n in _names(item))),
              ("title", "{" + _latex(item["title"]) + "}"),  # keep the title's case
              ("howpublished", _latex(item.get("container-title", "")))]
    parts = _date_parts(item)
    if parts:
        fields.append(("year", str(parts[0])))
    if len(parts) > 1:
        fields.append(("month", _MONTHS[parts[1] - 1]))
    fields += [("url", item["URL"])]
    if len(parts) > 2:
        fields.append(("note", f"Last reviewed {parts[0]:04d}-{parts[1]:02d}-{parts[2]:02d}"))
    lines = [f"  {name} = {value if name == 'month' else '{' + value + '}'}"
             for name, value in fields if value]
    return f"@misc{{{item['id'].replace('/', '-')},\n" + ",\n".join(lines) + "\n}"


def ris(item: Mapping[str, Any]) -> str:
    """An `ELEC` (web page) record."""
    tags = [("TY", "ELEC")] + [("AU", name) for name in _names(item)]
    tags += [("TI", item["title"]), ("T2", item.get("container-title", ""))]
    parts = _date_parts(item)
    if parts:
        padded = [f"{parts[0]:04d}", *(f"{p:02d}" for p in parts[1:3])]
        tags += [("PY", padded[0]), ("DA", "/".join(padded + [""] * (3 - len(padded))) + "/")]
    tags += [("UR", item["URL"]), ("ER", "")]
    return "\n".join(f"{tag}  - {value}".rstrip() if tag != "ER" else "ER  - "
                     for tag, value in tags if value or tag == "ER")
