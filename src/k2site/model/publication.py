"""Resolve stage: pages grouped into articles, the way SPEC §6 lays a publication out.

`content/<article>/index.md` opens an article and the folder's other pages are its
sections; a top-level page is an article of its own (or, naming no authors and making
no claims, a page of the site such as an about page). A site with no article folder is
one article, slug-less, whose sections are the top-level files: the K2 site.
Pure: pages in, articles out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import PurePosixPath

from k2site.diagnostics import Diagnostic, error
from k2site.files.folders import ARTICLE_INDEX, PAGES
from k2site.model.document import Page, Person


@dataclass(frozen=True)
class Article:
    """One article: its pages in reading order."""

    slug: str
    """Its address, `<slug>/`; "" for the slug-less article of a site without folders."""
    pages: tuple[Page, ...]
    """Reading order: an article folder's `index.md` first, then its sections by order."""
    listed: bool = True
    """An article readers find on the home page; False for a page of the site."""

    @property
    def head(self) -> Page | None:
        """The page whose front matter speaks for the whole article: a folder's
        `index.md`, or a one-page article itself; None for the slug-less article."""
        first = self.pages[0] if self.pages else None
        return first if self.slug and first is not None and first.slug == self.slug else None

    @property
    def reviewed(self) -> dt.date | None:
        """The article's last review: its head's date, or the latest of its pages'."""
        if self.head is not None and self.head.reviewed:
            return self.head.reviewed
        return max((p.reviewed for p in self.pages if p.reviewed), default=None)


#: What a section takes from its article's `index.md` when it does not say it itself.
INHERITED = ("topics", "authors", "reviewed_by", "reviewed", "next_review")


def inherit(page: Page, head: Page | None) -> Page:
    """A section with its article's byline, review dates and topics where it has none of
    its own. Editors' checks read the pages as written; readers see these."""
    if head is None or page is head:
        return page
    taken = {name: getattr(head, name) for name in INHERITED if not getattr(page, name)}
    return replace(page, **taken) if any(taken.values()) else page


def is_publication(pages: Iterable[Page]) -> bool:
    """Whether the site has article folders (else it is one slug-less article)."""
    return any(page.folder for page in pages)


def published(pages: Sequence[Page], drafts: bool) -> list[Page]:
    """The pages a build shows: drafts only with `drafts`; a draft `index.md` holds back
    its whole article."""
    held = {p.folder for p in pages if p.is_index and p.draft and not drafts}
    return [p for p in pages if (drafts or not p.draft) and p.folder not in held]


def articles_of(pages: Sequence[Page], publication: bool) -> tuple[Article, ...]:
    """The articles in reading order: by their head's `order`, then slug."""
    def reading(page: Page) -> tuple[int, str]:
        return page.order, page.slug

    if not publication:
        return (Article("", tuple(sorted(pages, key=reading))),) if pages else ()
    folders: dict[str, list[Page]] = {}
    articles = []
    for page in pages:
        if page.folder:
            folders.setdefault(page.folder, []).append(page)
        else:
            articles.append(Article(page.slug, (page,), bool(page.authors or page.claims)))
    for folder, members in folders.items():
        index = [p for p in members if p.is_index]
        head = index[0] if index else None
        sections = sorted((inherit(p, head) for p in members if not p.is_index), key=reading)
        articles.append(Article(folder, tuple(index + sections)))
    return tuple(sorted(articles, key=lambda a: (a.head.order if a.head else 0, a.slug)))


def article_numbers(articles: Sequence[Article], known: Iterable[str]
                    ) -> dict[str, dict[str, int]]:
    """Each article's citation numbers, by first appearance in its reading order: a
    reader of an article reads [1], [2]... whatever other articles cite."""
    store = set(known)
    numbering: dict[str, dict[str, int]] = {}
    for article in articles:
        numbers = numbering.setdefault(article.slug, {})
        for page in article.pages:
            for citation in page.citations:
                if citation.key in store:
                    numbers.setdefault(citation.key, len(numbers) + 1)
    return numbering


def missing_indexes(paths: Iterable[str]) -> list[Diagnostic]:
    """An error for each article folder without `index.md`, at its first page: the
    article would have no title, summary or byline."""
    folders: dict[str, list[str]] = {}
    for path in paths:
        parts = PurePosixPath(path).parts
        if len(parts) == 3 and parts[0] == PAGES:
            folders.setdefault(parts[1], []).append(parts[2])
    return [error(f"{PAGES}/{folder}/{min(names)}", 1, 1, "missing-index",
                  f"the article folder {PAGES}/{folder}/ has no {ARTICLE_INDEX}: add one with"
                  " the article's front matter (title, authors...) and opening text")
            for folder, names in sorted(folders.items()) if ARTICLE_INDEX not in names]


def people_of(page: Page, key: str, people: Mapping[str, Person]) -> tuple[Person, ...]:
    """The known people a page names under `authors` or `reviewed_by`."""
    ids: tuple[str, ...] = getattr(page, key)
    return tuple(people[i] for i in dict.fromkeys(ids) if i in people)
