"""Resolve stage: link citations to the store, number them, derive evidence. Pure.

Takes parsed pages and studies, returns a `Site` that knows, for every claim, its
evidence group, and for every study, its number and the claims citing it.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property

from k2site.diagnostics import Diagnostic, error, warning
from k2site.files.folders import RESERVED_SLUGS
from k2site.model.document import Claim, Page, SiteConfig, Study
from k2site.model.evidence import EvidenceGroup, claim_group


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
    """Evidence group of each claim, by claim id."""
    flags: Mapping[str, str]
    """Reader-facing overclaim note of each flagged claim, by claim id."""
    uncited: Mapping[str, frozenset[int]]
    """By page slug, the uncited paragraphs (indexes into `Page.passages`) whose wording
    asserts a health effect: readers see that no source backs them."""

    @cached_property
    def page_titles(self) -> dict[str, str]:
        """Title of each published page, by slug."""
        return {page.slug: page.title for page in self.pages}

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
    config: SiteConfig, pages: Sequence[Page], studies: Mapping[str, Study], drafts: bool = False
) -> tuple[Site, list[Diagnostic]]:
    """Order the pages, check slugs, ids and keys, number citations, derive evidence."""
    published = sorted((p for p in pages if drafts or not p.draft),
                       key=lambda p: (p.order, p.slug))
    problems = _check_slugs(pages) + _check_claim_ids(pages) + _check_keys(pages, studies)
    numbers: dict[str, int] = {}
    cited_by: dict[str, list[Claim]] = {}
    for page in published:
        for citation in page.citations:
            if citation.key in studies:
                numbers.setdefault(citation.key, len(numbers) + 1)
        for claim in page.claims:
            for key in dict.fromkeys(claim.keys):
                cited_by.setdefault(key, []).append(claim)
    site = Site(
        config=config, pages=tuple(published), studies=studies, numbers=numbers,
        cited_by={k: tuple(v) for k, v in cited_by.items()}, groups={}, flags={}, uncited={},
    )
    groups = {c.id: claim_group(site.designs(c)) for c in site.claims}
    problems += _check_store(pages, studies)
    return replace(site, groups=groups), problems


def with_flags(site: Site, flags: Mapping[str, str],
               uncited: Mapping[str, frozenset[int]]) -> Site:
    return replace(site, flags=dict(flags), uncited=dict(uncited))


def _check_slugs(pages: Sequence[Page]) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    seen: dict[str, str] = {}
    for page in sorted(pages, key=lambda p: p.path):
        if page.slug in RESERVED_SLUGS:
            problems.append(error(page.path, page.slug_line, 1, "reserved-slug",
                                  f"slug '{page.slug}' is reserved for a folder k2site writes;"
                                  " choose another with 'slug:'"))
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


def _check_keys(pages: Sequence[Page], studies: Mapping[str, Study]) -> list[Diagnostic]:
    problems = []
    for page in pages:
        for citation in page.citations:
            if citation.key not in studies:
                near = difflib.get_close_matches(citation.key, list(studies), n=1, cutoff=0.6)
                hint = f"; did you mean '@{near[0]}'?" if near else ""
                problems.append(error(page.path, citation.line, citation.col, "unknown-key",
                                      f"citation key '@{citation.key}' is not in the"
                                      f" references{hint}"))
    return problems


def _check_store(pages: Sequence[Page], studies: Mapping[str, Study]) -> list[Diagnostic]:
    cited = {c.key for page in pages for c in page.citations}
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
