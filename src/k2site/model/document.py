"""The document model: small frozen values passed from stage to stage.

Imports nothing of k2site but the evidence vocabulary. Templates never see these
objects; `render` turns them into plain view-model dicts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from k2site.model.evidence import EvidenceGroup, group_of
from k2site.model.notices import Notice, is_retracted
from k2site.model.roles import SUPPORTS, role_of


@dataclass(frozen=True)
class SiteWarning:
    """A safety warning of `site.yaml`, shown above the fold on the pages it concerns."""

    text: str
    """What readers must know, in full."""
    title: str = ""
    """A short heading, such as "Taking warfarin?"; "Safety warning" when empty."""
    topics: tuple[str, ...] = ()
    """The topics it concerns: a page with any of them shows it."""
    pages: tuple[str, ...] = ()
    """The page slugs it concerns. With neither topics nor pages, every page shows it."""
    line: int = 0
    """Line of the warning in `site.yaml`, for diagnostics."""
    col: int = 0
    """Column of the warning in that line."""

    def concerns(self, slug: str, topics: tuple[str, ...]) -> bool:
        if not self.topics and not self.pages:
            return True
        return slug in self.pages or any(t in self.topics for t in topics)


@dataclass(frozen=True)
class SiteConfig:
    """The settings in `site.yaml`."""

    title: str
    """The site's name, shown in every page header."""
    base_url: str
    """Absolute URL the site is published at, ending in `/`; used for canonical links."""
    language: str = "en"
    """BCP 47 language tag of the content."""
    description: str = ""
    """One-sentence description for search engines and the feed."""
    author: str = ""
    """Who wrote the articles."""
    citation_style: str = "american-medical-association"
    """A bundled CSL style name or a path to a `.csl` file inside the site."""
    disclaimer: str = ""
    """Medical disclaimer shown on every article page; a default one when empty."""
    static_overrides: tuple[str, ...] = ()
    """Paths under `static/` meant to replace the generated file of the same path."""
    warnings: tuple[SiteWarning, ...] = ()
    """Safety warnings, each shown at the top of the pages it concerns."""
    synonyms: tuple[tuple[str, ...], ...] = ()
    """Groups of words search treats as one (`MK-7`, `menaquinone-7`)."""


@dataclass(frozen=True)
class Study:
    """One entry of the BibTeX store."""

    key: str
    """The BibTeX key, unique across the store."""
    entry_type: str
    """Lower-case entry type: `article`, `book`, `misc`..."""
    fields: Mapping[str, str]
    """Field values with LaTeX decoded to Unicode, keyed by lower-case field name."""
    raw_fields: Mapping[str, str]
    """Field values as written in the file, for BibTeX export and CSL conversion."""
    path: str
    """The .bib file, relative to the site folder."""
    line: int
    """Line of the entry's `@type{` in that file."""
    notices: tuple[Notice, ...] = ()
    """Retractions, corrections and expressions of concern, from the entry's `retraction`
    field and the site's Retraction Watch snapshot."""

    # What follows is read from the fields for each citation, claim and page that shows the
    # study, tens of thousands of times in a large build: worked out once per study (the
    # fields never change; a changed study is a new one).

    @cached_property
    def retracted(self) -> bool:
        """Retracted and not reinstated: such a study never counts as evidence."""
        return is_retracted(self.notices)

    @cached_property
    def year(self) -> int | None:
        """The year of publication, from `year` or the start of `date`."""
        value = (self.fields.get("year") or self.fields.get("date", ""))[:4]
        return int(value) if value.isdigit() else None

    @cached_property
    def design(self) -> str:
        """The `evidence` field: the study's design, `unknown` when missing."""
        return self.fields.get("evidence", "unknown").strip().lower() or "unknown"

    @cached_property
    def group(self) -> EvidenceGroup:
        return group_of(self.design)

    @cached_property
    def verification(self) -> str:
        """`confirmed`, `likely` or `unresolved`: the `verification` field, or without it
        `confirmed` only for an entry that identifies its study (`identifies_itself`),
        else `likely`: where in doubt, readers are shown less certainty."""
        given = self.fields.get("verification", "").strip().lower()
        if given:
            return given
        return "confirmed" if self.identifies_itself else "likely"

    @property
    def identifies_itself(self) -> bool:
        """Whether the entry carries what finds its study: authors, title, year, and a
        DOI, a PubMed id or the journal it appeared in."""
        has = {name for name, value in self.fields.items() if value.strip()}
        return bool(has & {"author", "editor"} and "title" in has and has & {"year", "date"}
                    and has & {"doi", "pmid", "journal", "journaltitle"})

    @cached_property
    def participants(self) -> int | None:
        value = self.fields.get("participants", "").replace(",", "").strip()
        return int(value) if value.isdigit() else None

    def get(self, name: str) -> str:
        return self.fields.get(name, "")


#: Pandoc's citation modes besides the plain one: a narrative `@key` names the authors in
#: the sentence, `[-@key]` leaves them out because the sentence already does.
AUTHOR_IN_TEXT = "author-in-text"
SUPPRESS_AUTHOR = "suppress-author"


@dataclass(frozen=True)
class Citation:
    """One key of a Pandoc citation: in a group such as `[see @a, p. 12; -@b]`, or a
    narrative `@a` in the sentence."""

    key: str
    """The cited BibTeX key."""
    prefix: str = ""
    """Text before the key, such as `see`."""
    locator: str = ""
    """Text after the key's comma, such as `p. 12`."""
    line: int = 0
    """Line of the citation in its page file."""
    col: int = 0
    """Column of the `@` of the key in that line."""
    cito: str = ""
    """The CiTO property written before the key (`disagrees_with` in
    `[@disagrees_with:smith2020]`), or '' for a plain citation."""
    sentence: int = 0
    """Which sentence of its page the citation ends, counted from 0: a claim whose
    sentences cite different kinds of evidence says so."""

    @property
    def role(self) -> str:
        """`supports` (a plain citation), `contradicts` or `background`."""
        return role_of(self.cito) if self.cito else SUPPORTS
    mode: str = ""
    """"" for a plain citation, `AUTHOR_IN_TEXT` or `SUPPRESS_AUTHOR`."""


@dataclass(frozen=True)
class Claim:
    """A unit a reader judges: a cited paragraph or list item, or a `.claim` div."""

    id: str
    """Anchor id, unique across the site."""
    page: str
    """Slug of the page holding the claim."""
    text: str
    """Plain text without citation markers."""
    citations: tuple[Citation, ...]
    """The claim's citations, in order of appearance."""
    line: int
    """First line of the claim in its page file."""
    explicit: bool = False
    """Marked with a `::: {.claim #id}` div rather than found by its citations."""
    ignored: frozenset[str] = frozenset()
    """Lint rules silenced on this claim's lines with `<!-- k2site: ignore RULE -->`."""
    span: tuple[int, int] = (0, 0)
    """First and last line of the claim in its page file."""

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.citations)


@dataclass(frozen=True)
class Person:
    """One person of `people.yaml`: who writes or medically reviews the articles."""

    id: str
    """The key in `people.yaml`, named by `authors` and `reviewed_by`; their page's slug."""
    name: str
    credentials: str = ""
    """Degrees and registrations, such as `MD, MPH`, shown after a reviewer's name."""
    role: str = ""
    """Such as `Medical editor`."""
    url: str = ""
    """An http(s) page of their own, elsewhere."""
    bio: str = ""
    """A few sentences, shown on their page."""
    line: int = 0
    """Line of the id in `people.yaml`."""


@dataclass(frozen=True)
class Update:
    """One entry of a page's `updates`: what changed, and when."""

    date: dt.date
    text: str


@dataclass(frozen=True)
class Page:
    """One content file, parsed."""

    path: str
    """The file, relative to the site folder."""
    slug: str
    """Where the page lives below the site, `<slug>/index.html`: the file's slug for a
    top-level file, the folder's name for an article's `index.md`, and
    `<article>/<section>` for the other pages of an article folder."""
    title: str
    order: int
    """Reading order; pages sort by order, then slug."""
    summary: str
    """The key takeaway, shown under the title and on the home page."""
    topics: tuple[str, ...]
    reviewed: dt.date | None
    """Date of the last editorial review."""
    draft: bool
    body_line: int
    """Line in the file where the Markdown body starts (after the front matter)."""
    body: str = field(repr=False)
    """The body as HTML with placeholders for what depends on the whole site: citation
    numbers, claim evidence and badges (see `markdown.PLACEHOLDER`)."""
    groups: tuple[tuple[Citation, ...], ...] = field(default=(), repr=False)
    """Each citation group of the body, in order; placeholder `c<i>` stands for group i."""
    claims: tuple[Claim, ...] = ()
    citations: tuple[Citation, ...] = ()
    """Every citation on the page in reading order, inside claims or not."""
    passages: tuple[tuple[int, int], ...] = ()
    """First and last file line of each paragraph that cites nothing, for the linter."""
    headings: tuple[tuple[int, str, str], ...] = ()
    """(level, anchor id, text) of each heading, for the table of contents."""
    summary_line: int = 0
    """Line of the `summary:` key, for the linter; 0 without one."""
    folder: str = ""
    """The article folder holding the file (`content/<folder>/`); "" for a top-level file."""
    authors: tuple[str, ...] = ()
    """Person ids of `people.yaml` who wrote the page (an article's sections inherit)."""
    reviewed_by: tuple[str, ...] = ()
    """Person ids who medically reviewed it (inherited likewise)."""
    next_review: dt.date | None = None
    """When the page is due for its next review (inherited likewise)."""
    updates: tuple[Update, ...] = ()
    """The page's updates and corrections, as written."""
    positions: tuple[tuple[str, int, int], ...] = field(default=(), repr=False)
    """(name, line, column) of front-matter keys (`next_review`) and of the items of
    person lists (`authors.0`), for diagnostics."""

    def position(self, name: str) -> tuple[int, int]:
        """Line and column of a front-matter key or list item; the file's start if unknown."""
        return next(((line, col) for key, line, col in self.positions if key == name), (1, 1))

    @property
    def is_index(self) -> bool:
        """Whether the page is an article folder's `index.md`."""
        return bool(self.folder) and self.slug == self.folder
    slug_line: int = 1
    """Line of the `slug:` key in the file; 1 when the slug comes from the file name."""

