"""Resolve stage: link citations to the store, number them, derive evidence. Pure.

Takes parsed pages and studies, returns a `Site` that knows, for every claim, its
evidence group, and for every study, its number and the claims citing it.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

from k2site.diagnostics import Diagnostic, error, warning
from k2site.files.folders import RESERVED_SLUGS
from k2site.model import roles
from k2site.model.claim_evidence import ClaimEvidence, derive
from k2site.model.document import Citation, Claim, Page, Person, SiteConfig, Study
from k2site.model.evidence import EvidenceGroup, Rewording, WordingNote
from k2site.model.publication import (
    Article,
    article_numbers,
    articles_of,
    is_publication,
    published,
)


@dataclass(frozen=True)
class Site:
    """The whole site, resolved: what the render stage needs and nothing more."""

    config: SiteConfig
    pages: tuple[Page, ...]
    """Published pages in reading order."""
    studies: Mapping[str, Study]
    """The whole store, by key."""
    numbers: Mapping[str, int]
    """Citation number of each cited key, by first appearance in reading order."""
    cited_by: Mapping[str, tuple[Claim, ...]]
    """The claims citing each key, in reading order."""
    groups: Mapping[str, EvidenceGroup]
    """Evidence group of each claim (its strongest supporting study's), by claim id."""
    evidence: Mapping[str, ClaimEvidence]
    """What stands behind each claim, by claim id: support, contradiction, background."""
    flags: Mapping[str, WordingNote]
    """Reader-facing overclaim note of each flagged claim, by claim id."""
    uncited: Mapping[str, Mapping[int, tuple[Rewording, ...]]]
    """By page slug, the uncited paragraphs (indexes into `Page.passages`) whose wording
    asserts a health effect, each with the words that do: readers see that no source
    backs them, and the fairer wording."""
    articles: tuple[Article, ...] = ()
    """The published articles (and pages of the site) in reading order; `pages` is
    their pages, in the same order."""
    publication: bool = False
    """Whether the content has article folders; without, the site is one slug-less
    article and looks as it always has."""
    article_numbers: Mapping[str, Mapping[str, int]] = field(default_factory=dict)
    """Each article's own citation numbers, by article slug."""
    people: Mapping[str, Person] = field(default_factory=dict)
    """`people.yaml`, by person id."""
    today: dt.date | None = None
    """The date review deadlines are judged against (`SOURCE_DATE_EPOCH` when set)."""

    @cached_property
    def page_titles(self) -> dict[str, str]:
        """Title of each published page, by slug; a section of an article folder is
        named with its article, since two articles may each have a "Dosing" section."""
        titles = {page.slug: page.title for page in self.pages}
        for article in self.articles:
            if article.head is not None and article.slug:
                for page in article.pages[1:]:
                    titles[page.slug] = f"{article.head.title}: {page.title}"
        return titles

    @cached_property
    def article_of(self) -> dict[str, Article]:
        """The article each published page belongs to, by page slug."""
        return {page.slug: article for article in self.articles for page in article.pages}

    @cached_property
    def place_in_article(self) -> dict[str, int]:
        """Where each published page comes in its article's reading order, by slug."""
        return {page.slug: i for article in self.articles for i, page in enumerate(article.pages)}

    def numbers_of(self, page: Page) -> Mapping[str, int]:
        """The citation numbers readers see on a page: its article's."""
        return self.article_numbers.get(self.article_of[page.slug].slug, self.numbers)

    def shown_number(self, key: str) -> int | None:
        """A study's number on the site's own pages (references, study pages): the one
        article's number, and none in a publication, whose articles number apart."""
        return None if self.publication else self.numbers.get(key)

    def with_pages(self, pages: Sequence[Page]) -> Site:
        """The site with some pages replaced by new versions of the same slugs."""
        by_slug = {page.slug: page for page in pages}
        articles = tuple(replace(a, pages=tuple(by_slug[p.slug] for p in a.pages))
                         for a in self.articles)
        return replace(self, pages=tuple(pages), articles=articles)

    @cached_property
    def last_reviewed(self) -> dt.date | None:
        """The latest review date of any published page."""
        return max((p.reviewed for p in self.pages if p.reviewed), default=None)

    @property
    def claims(self) -> Iterable[Claim]:
        return (claim for page in self.pages for claim in page.claims)

    def designs(self, claim: Claim) -> list[str]:
        return [self.studies[k].design if k in self.studies else "unknown" for k in claim.keys]


def resolve(
    config: SiteConfig, pages: Sequence[Page], studies: Mapping[str, Study], drafts: bool = False,
    people: Mapping[str, Person] | None = None, today: dt.date | None = None,
) -> tuple[Site, list[Diagnostic]]:
    """Group the pages into articles, check slugs, ids and keys, number citations (in
    each article, and across the site), derive evidence."""
    publication = is_publication(pages)
    articles = articles_of(published(pages, drafts), publication)
    ordered = [page for article in articles for page in article.pages]
    problems = _check_slugs(pages) + _check_claim_ids(pages) + _check_keys(pages, studies)
    problems += _check_warnings(config, pages)
    numbers: dict[str, int] = {}
    cited_by: dict[str, list[Claim]] = {}
    for page in ordered:
        for citation in page.citations:
            if citation.key in studies:
                numbers.setdefault(citation.key, len(numbers) + 1)
        for claim in page.claims:
            for key in dict.fromkeys(claim.keys):
                cited_by.setdefault(key, []).append(claim)
    site = Site(
        config=config, pages=tuple(ordered), studies=studies, numbers=numbers,
        cited_by={k: tuple(v) for k, v in cited_by.items()}, groups={}, evidence={},
        flags={}, uncited={},
        articles=articles, publication=publication,
        article_numbers=article_numbers(articles, studies), people=people or {}, today=today,
    )
    evidence = {c.id: derive(c.citations, studies) for c in site.claims}
    groups = {claim_id: found.group for claim_id, found in evidence.items()}
    problems += _check_store(pages, studies) + _check_retracted(site)
    return replace(site, groups=groups, evidence=evidence), problems


def with_flags(site: Site, flags: Mapping[str, WordingNote],
               uncited: Mapping[str, Mapping[int, tuple[Rewording, ...]]]) -> Site:
    return replace(site, flags=dict(flags), uncited=dict(uncited))


def _check_slugs(pages: Sequence[Page]) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    seen: dict[str, str] = {}
    for page in sorted(pages, key=lambda p: p.path):
        if page.slug in RESERVED_SLUGS and not page.is_index:
            problems.append(error(page.path, page.slug_line, 1, "reserved-slug",
                                  f"slug '{page.slug}' is reserved for a folder k2site writes;"
                                  " choose another with 'slug:'"))
        elif page.slug in RESERVED_SLUGS:
            problems.append(error(page.path, 1, 1, "reserved-slug",
                                  f"the article folder name '{page.slug}' is reserved for a"
                                  " folder k2site writes; rename the folder"))
        elif page.slug in seen and page.is_index:
            problems.append(error(page.path, 1, 1, "duplicate-slug",
                                  f"the article folder's address '{page.slug}/' is also used"
                                  f" by {seen[page.slug]}; rename one of them"))
        elif page.slug in seen:
            problems.append(error(page.path, page.slug_line, 1, "duplicate-slug",
                                  f"slug '{page.slug}' is also used by {seen[page.slug]}"))
        seen.setdefault(page.slug, page.path)
    return problems


def _check_claim_ids(pages: Sequence[Page]) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    seen: dict[str, tuple[str, int]] = {}
    for page in sorted(pages, key=lambda p: p.path):
        for claim in page.claims:
            if not claim.explicit:
                continue
            if claim.id in seen and seen[claim.id][0] != page.path:
                first = seen[claim.id]
                problems.append(error(page.path, claim.line, 1, "duplicate-claim-id",
                                      f"claim id '{claim.id}' is already used at "
                                      f"{first[0]}:{first[1]}"))
            seen.setdefault(claim.id, (page.path, claim.line))
    return problems


def _check_warnings(config: SiteConfig, pages: Sequence[Page]) -> list[Diagnostic]:
    """A safety warning that names a topic or page no page has would reach no reader."""
    slugs = {p.slug for p in pages}
    topics = {t for p in pages for t in p.topics}
    problems = []
    for item in config.warnings:
        missing = [f"page '{s}'" for s in item.pages if s not in slugs]
        missing += [f"topic '{t}'" for t in item.topics if t not in topics]
        if missing:
            named = " and ".join([", ".join(missing[:-1]), missing[-1]] if missing[:-1]
                                 else missing)
            problems.append(error("site.yaml", item.line, item.col, "site-config",
                                  f"this warning names {named}, which no page has: it"
                                  " would reach no reader there"))
    return problems


def _check_keys(pages: Sequence[Page], studies: Mapping[str, Study]) -> list[Diagnostic]:
    problems = []
    for page in pages:
        for citation in page.citations:
            if citation.key not in studies:
                rule, message = _unknown_key(citation, studies)
                problems.append(error(page.path, citation.line, citation.col, rule, message))
    return problems


def _unknown_key(citation: Citation, studies: Mapping[str, Study]) -> tuple[str, str]:
    """Why a cited key is not in the store: a misspelt key, a misspelt CiTO property before
    a known key (`@contradicts:smith2020`), or a key whose first part is a property."""
    key, word = citation.key, citation.cito
    prefix, colon, rest = key.partition(":")
    if word and f"{word}:{key}" in studies:
        return "unknown-key", (
            f"'{word}' before the first ':' is a citation role, so '@{word}:{key}' cites"
            f" '{key}', which is not in the references; Pandoc's cito filters read it the"
            f" same way: rename the entry '{word}:{key}'")
    if colon and rest in studies and not word:
        meant = roles.did_you_mean(prefix)
        hint = (f"; did you mean '{meant}' ({roles.filters_knowing(meant)})?" if meant
                else "; use agrees_with, disagrees_with or cites_for_information")
        return "unknown-role", (f"'{prefix}' in '@{key}' is not a citation role k2site or"
                                f" Pandoc's cito filters know{hint}")
    near = difflib.get_close_matches(key, list(studies), n=1, cutoff=0.6)
    hint = f"; did you mean '@{word + ':' if word else ''}{near[0]}'?" if near else ""
    return "unknown-key", f"citation key '@{key}' is not in the references{hint}"


def _check_store(pages: Sequence[Page], studies: Mapping[str, Study]) -> list[Diagnostic]:
    cited = {c.key for page in pages for c in page.citations}
    cited |= {key.partition(":")[2] for key in cited}  # `@contradicts:key`: an unknown role
    problems = []
    by_doi: dict[str, Study] = {}
    for study in studies.values():
        if study.key not in cited:
            problems.append(warning(study.path, study.line, 1, "unused-reference",
                                    f"entry '{study.key}' is never cited"))
        elif study.verification != "confirmed":
            problems.append(warning(
                study.path, study.line, 1, "unverified-source",
                f"entry '{study.key}' is {study.verification}: readers will see"
                f" that its identity is not confirmed"))
        doi = study.get("doi").lower()
        if doi and doi in by_doi:
            problems.append(warning(study.path, study.line, 1, "duplicate-doi",
                                    f"entry '{study.key}' has the same DOI as"
                                    f" '{by_doi[doi].key}' ({by_doi[doi].path}:"
                                    f"{by_doi[doi].line}): one study under two keys?"))
        by_doi.setdefault(doi, study) if doi else None
    return problems


def _check_retracted(site: Site) -> list[Diagnostic]:
    """A warning at each citation of a retracted study (`--strict` makes it an error);
    `<!-- k2site: ignore retracted-source -->` silences it where citing one is the point."""
    problems = []
    for page in site.pages:
        for claim in page.claims:
            if "retracted-source" in claim.ignored:
                continue
            for citation in claim.citations:
                study = site.studies.get(citation.key)
                if study is not None and study.retracted:
                    problems.append(warning(page.path, citation.line, citation.col,
                                            "retracted-source", _retracted(study)))
    return problems


def _retracted(study: Study) -> str:
    notice = next(n for n in reversed(study.notices) if n.nature == "retraction")
    where = ", ".join(x for x in (notice.date, notice.doi) if x)
    return (f"'{study.key}' was retracted{f' ({where})' if where else ''}, as"
            f" {notice.source}:{notice.line} records: it no longer counts as evidence;"
            f" cite another study, or say that it was retracted and silence this")
