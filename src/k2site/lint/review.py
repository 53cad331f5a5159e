"""Lint stage: the editors' checks on people and review dates (SPEC §6).

`unknown-person` (an id that `people.yaml` does not hold), `unused-person` (a person no
page names), `review-overdue` (a `next_review` date that has passed) and
`missing-reviewer` (an article with claims that names no medical reviewer). Pure: the
resolved site and the parsed pages in, diagnostics out.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

from k2site.diagnostics import Diagnostic, error, warning
from k2site.files.folders import PEOPLE
from k2site.model.document import Page
from k2site.model.site import Site

#: The front-matter keys that name people.
PERSON_LISTS = ("authors", "reviewed_by")


def check_review(site: Site, pages: Sequence[Page], has_people_file: bool,
                 complete: bool = True) -> list[Diagnostic]:
    """Every editors' check: `pages` are all the parsed pages, drafts too, since a draft
    names people as well; review dates are judged on the published ones. Unless every
    page and person could be read (`complete`), no id is called unknown or unused."""
    problems = []
    if complete:
        problems += unknown_people(site, pages, has_people_file) + unused_people(site, pages)
    shown = {page.path for page in site.pages}
    problems += overdue_reviews(site, [page for page in pages if page.path in shown])
    problems += missing_reviewers(site, has_people_file)
    return problems


def check_pages(site: Site, pages: Sequence[Page], has_people_file: bool) -> list[Diagnostic]:
    """The editors' checks that point into `pages` (as written), for a rebuild of those
    pages alone: every person named known, reviews not overdue, a reviewer named."""
    paths = {page.path for page in pages}
    return (unknown_people(site, pages, has_people_file) + overdue_reviews(site, pages)
            + [d for d in missing_reviewers(site, has_people_file) if d.path in paths])


def unknown_people(site: Site, pages: Iterable[Page], has_people_file: bool) -> list[Diagnostic]:
    """An error for each listed id that `people.yaml` does not define."""
    problems = []
    for page in pages:
        for key in PERSON_LISTS:
            for i, person_id in enumerate(getattr(page, key)):
                if person_id in site.people:
                    continue
                line, col = page.position(f"{key}.{i}")
                problems.append(error(page.path, line, col, "unknown-person",
                                      _unknown(site, person_id, has_people_file)))
    return problems


def _unknown(site: Site, person_id: str, has_people_file: bool) -> str:
    if not has_people_file:
        return (f"'{person_id}' is not a person of this site: there is no {PEOPLE}; add one"
                f" beside site.yaml with '{person_id}:' and their name")
    names = {p.name.lower(): p.id for p in site.people.values()}
    near = difflib.get_close_matches(person_id, list(site.people), n=1, cutoff=0.6) or [
        names[n] for n in difflib.get_close_matches(person_id.lower().replace("-", " "),
                                                    list(names), n=1, cutoff=0.6)]
    hint = f"; did you mean '{near[0]}'?" if near else f"; add them to {PEOPLE}"
    return f"'{person_id}' is not in {PEOPLE}{hint}"


def unused_people(site: Site, pages: Iterable[Page]) -> list[Diagnostic]:
    """A warning for each person of `people.yaml` whom no page names."""
    named = {person_id for page in pages for key in PERSON_LISTS
             for person_id in getattr(page, key)}
    return [warning(PEOPLE, person.line, 1, "unused-person",
                    f"'{person.id}' ({person.name}) is never named in 'authors' or"
                    " 'reviewed_by': readers would find a page of someone who wrote and"
                    " reviewed nothing; name them on their pages or remove them")
            for person in site.people.values() if person.id not in named]


def overdue_reviews(site: Site, pages: Iterable[Page]) -> list[Diagnostic]:
    """A warning at each `next_review` date that is before today."""
    if site.today is None:
        return []
    problems = []
    for page in pages:
        if page.next_review is not None and page.next_review < site.today:
            line, col = page.position("next_review")
            problems.append(warning(
                page.path, line, col, "review-overdue",
                f"the next review was due on {page.next_review.isoformat()}; readers see"
                " that it is overdue. Review the page, then set 'reviewed' and a new"
                " 'next_review'"))
    return problems


def missing_reviewers(site: Site, has_people_file: bool) -> list[Diagnostic]:
    """A warning for each article with claims, some page of which no one medically
    reviewed. A site without a people.yaml and without article folders names no one
    (the K2 site): the rule is for publications."""
    if not (has_people_file or site.publication):
        return []
    found: set[Diagnostic] = set()
    for article in site.articles:
        for page in article.pages:
            if not page.claims or page.reviewed_by:  # a section's is its article's
                continue
            speaker = article.head or page  # a section inherits, so the fix is there
            line, _ = speaker.position("title")
            found.add(warning(speaker.path, line, 1, "missing-reviewer",
                              "this article makes health claims but names no medical"
                              " reviewer: add 'reviewed_by' with the id of who checked"
                              f" it ({PEOPLE})"))
    return sorted(found)
