"""Render stage: the view models of a publication (SPEC §6). Pure.

Bylines, updates and review notices on article pages; the home page's list of articles;
topic and people pages. A site without article folders and without people gets none
of these, and looks as it always has: each block is made only when its data exists.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from k2site.model.document import Claim, Page, Person
from k2site.model.evidence import GROUPS
from k2site.model.publication import Article, people_of
from k2site.model.site import Site
from k2site.render import page_meta
from k2site.render.jsonld import jsonld_page
from k2site.render.views import claim_link, group_view, safe_url, slugify, summary

#: How many claims of one evidence group a topic page names before "and N more".
CLAIMS_PER_TOPIC_GROUP = 30


def date_view(value: dt.date | None) -> dict[str, str] | None:
    if value is None:
        return None
    return {"iso": value.isoformat(), "text": f"{value.day} {value:%B %Y}"}


def person_link(person: Person, root: str) -> dict[str, str]:
    return {"id": person.id, "name": person.name, "credentials": person.credentials,
            "role": person.role, "href": f"{root}people/{person.id}/"}


def topic_href(topic: str, root: str) -> str:
    return f"{root}topics/{slugify(topic)}/"


def overdue(site: Site, page: Page) -> bool:
    """Whether the page's next review date has passed."""
    return site.today is not None and page.next_review is not None \
        and page.next_review < site.today


def byline(site: Site, page: Page, root: str) -> dict[str, Any] | None:
    """"Written by ... · Medically reviewed by ... · Last reviewed ... · Next review due",
    with the page's topics; None where the site names no one and has no article folders,
    so the page keeps its plain "Last reviewed" line."""
    authors = people_of(page, "authors", site.people)
    reviewers = people_of(page, "reviewed_by", site.people)
    if not (site.publication or authors or reviewers or page.next_review):
        return None
    article = site.article_of[page.slug]
    return {
        "authors": [person_link(p, root) for p in authors],
        "reviewers": [person_link(p, root) for p in reviewers],
        "reviewed": date_view(page.reviewed), "next_review": date_view(page.next_review),
        "overdue": overdue(site, page), "article": article.listed,
        "topics": [{"name": t, "href": topic_href(t, root) if site.publication else ""}
                   for t in page.topics],
    }


def updates(site: Site, page: Page, root: str) -> list[dict[str, Any]]:
    """The page's updates and corrections, newest first; an article's opening page lists
    its sections' too, each with a link to its section."""
    found: list[tuple[dt.date, str, Page | None]] = [(u.date, u.text, None)
                                                     for u in page.updates]
    article = site.article_of[page.slug]
    if page.is_index:
        found += [(u.date, u.text, section) for section in article.pages[1:]
                  for u in section.updates]
    found.sort(key=lambda item: item[0], reverse=True)
    return [{"date": date_view(date), "text": text,
             "section": {"title": s.title, "href": f"{root}{s.slug}/"} if s else None}
            for date, text, s in found]


def sections(site: Site, page: Page, root: str) -> dict[str, Any] | None:
    """On an article's opening page: its sections, and the evidence of the whole article."""
    article = site.article_of[page.slug]
    if not page.is_index or len(article.pages) < 2:
        return None
    return {
        "evidence": summary(site, _claims(article.pages)),
        "parts": [{"title": s.title, "summary": s.summary, "href": f"{root}{s.slug}/",
                   "evidence": summary(site, list(s.claims))} for s in article.pages[1:]],
    }


def part_of(site: Site, page: Page, root: str) -> dict[str, str] | None:
    """The article a section of an article folder belongs to, shown above its title."""
    head = site.article_of[page.slug].head
    if not page.folder or page.is_index or head is None:
        return None
    return {"title": head.title, "href": f"{root}{head.slug}/"}


def _claims(pages: Iterable[Page]) -> list[Claim]:
    return [claim for page in pages for claim in page.claims]


def article_card(site: Site, article: Article, root: str) -> dict[str, Any]:
    """An article as the home, topic and people pages list it."""
    head = article.head
    title = head.title if head else site.config.title
    return {
        "title": title, "href": f"{root}{article.slug}/" if article.slug else root,
        "summary": head.summary if head else "",
        "authors": [person_link(p, root) for p in
                    (people_of(head, "authors", site.people) if head else ())],
        "reviewed": date_view(article.reviewed),
        "overdue": head is not None and overdue(site, head),
        "sections": max(0, len(article.pages) - 1) if article.slug else len(article.pages),
        "evidence": summary(site, _claims(article.pages)),
    }


def newest_review_first(articles: Iterable[Article]) -> list[Article]:
    """Articles by their last review, newest first; those never reviewed last."""
    return sorted(articles, key=lambda a: (a.reviewed is None, -(a.reviewed or
                                                                  dt.date.min).toordinal()))


def home(site: Site) -> dict[str, Any]:
    """A publication's home page: its articles, newest review first, and its topics."""
    listed = [a for a in site.articles if a.listed]
    return {
        "articles": [article_card(site, a, "") for a in newest_review_first(listed)],
        "topics": [{"name": name, "href": f"topics/{slug}/", "count": len(articles)}
                   for slug, (name, articles, _) in topics(site).items()],
        "evidence": summary(site, list(site.claims)),
        "studies": len(site.numbers),
    }


def site_links(site: Site) -> list[dict[str, str]]:
    """Pages of the site that are not articles (an about page), for the footer."""
    return [{"slug": a.slug, "title": a.pages[0].title} for a in site.articles
            if not a.listed and a.pages]


def topics(site: Site) -> dict[str, tuple[str, list[Article], list[Claim]]]:
    """Each topic of a publication by its slug: its name as first written, the articles
    any page of which has it, and the claims of those pages. None without folders: the
    evidence overview groups a one-article site's claims by topic already."""
    if not site.publication:
        return {}
    found: dict[str, tuple[str, list[Article], list[Claim]]] = {}
    for article in site.articles:
        for page in article.pages:
            for topic in page.topics:
                _, articles, claims = found.setdefault(slugify(topic), (topic, [], []))
                if not articles or articles[-1] is not article:  # pages come by article
                    articles.append(article)
                claims.extend(page.claims)
    return dict(sorted(found.items()))


def topic(site: Site, name: str, articles: Sequence[Article],
          claims: Sequence[Claim]) -> dict[str, Any]:
    """One topic's page, `topic` and `jsonld`: its articles and its claims by evidence
    group."""
    root = "../../"
    groups = []
    for group in GROUPS:
        listed = [c for c in claims if site.groups[c.id].id == group.id]
        if listed:
            groups.append({**group_view(group), "count": len(listed),
                           "claims": [claim_link(site, c)
                                      for c in listed[:CLAIMS_PER_TOPIC_GROUP]],
                           "more": max(0, len(listed) - CLAIMS_PER_TOPIC_GROUP)})
    url = f"{site.config.base_url}topics/{slugify(name)}/"
    return {"topic": {"name": name, "title": name[:1].upper() + name[1:],
                      "slug": slugify(name), "evidence": summary(site, list(claims)),
                      "articles": [article_card(site, a, root)
                                   for a in newest_review_first(articles)],
                      "groups": groups},
            "jsonld": jsonld_page(site, url, name, kind="CollectionPage")}


def person(site: Site, who: Person) -> dict[str, Any]:
    """One person's page, `person` and `jsonld`: who they are, and the articles they
    wrote and reviewed."""
    root = "../../"

    def naming(key: str) -> list[dict[str, Any]]:
        return [article_card(site, a, root) for a in site.articles
                if any(who.id in getattr(page, key) for page in a.pages)]

    url = f"{site.config.base_url}people/{who.id}/"
    return {"person": {"id": who.id, "name": who.name, "credentials": who.credentials,
                       "role": who.role, "url": safe_url(who.url), "bio": who.bio,
                       "wrote": naming("authors"), "reviewed": naming("reviewed_by")},
            "jsonld": jsonld_page(site, url, who.name, kind="ProfilePage",
                                  mainEntity=page_meta.person_jsonld(site, who))}


def common(site: Site) -> dict[str, Any]:
    """What every page template gets besides `views.common`: whether the site is a
    publication, and the pages of the site the footer links to."""
    return {"publication": site.publication, "links": site_links(site)}


def article_extras(site: Site, page: Page, root: str, view: Mapping[str, Any],
                   item: Mapping[str, Any],
                   references: page_meta.References | None = None) -> dict[str, Any]:
    """What an article page shows of SPEC §6 besides what `views.article` made of it
    (`view`): the byline, updates, sections, citation meta tags, the page as BibTeX, RIS
    and CSL-JSON (from its CSL-JSON `item`), and its JSON-LD with people and dates.
    `references`: the build's `page_meta.References`, which makes each study's tag once."""
    cited = [site.studies[ref["key"]] for ref in view["refs"]]
    return {
        "byline": byline(site, page, root), "updates": updates(site, page, root),
        "sections": sections(site, page, root), "part_of": part_of(site, page, root),
        "highwire": page_meta.highwire(site, page, cited, references),
        "cite_formats": page_meta.cite_formats(item),
        "jsonld": {**view["jsonld"], **page_meta.jsonld_people(site, page)},
    }


def jsonld_home(site: Site) -> dict[str, Any]:
    """A publication's home page: a health site whose parts are its articles."""
    base = site.config.base_url
    parts = [{"@type": "MedicalWebPage", "name": card["title"], "url": base + card["href"]}
             for card in home(site)["articles"]]
    return jsonld_page(site, base, site.config.title, site.config.description,
                       site.last_reviewed, hasPart=parts)
