"""Serve's incremental re-render: an edit to content pages alone, from the last good build.

Only the edited pages are read, parsed, linted and rendered again when nothing another
page shows of them changed; anything else returns None and `serve` renders the whole
site (`pipeline.run.render`). Tests check it byte for byte against a whole render.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from jinja2 import TemplateError

from k2site.diagnostics import failed
from k2site.files.load import read_input
from k2site.lint.review import check_pages
from k2site.lint.rules import lint_page
from k2site.model.document import Claim, Page
from k2site.model.publication import inherit
from k2site.pipeline.run import Result, parse_page
from k2site.render.renderer import PageMemory, rerender_pages


def rerender(root: Path, previous: Result, changed: Sequence[str],
             memory: PageMemory) -> Result | None:
    """`run.render` after an edit to content pages alone, from the last good `render`
    that kept `memory`: only the edited pages are read, parsed, linted and rendered again, with the
    pages that show a claim whose words changed. None when that would not give what
    `render` gives (a changed title, summary, order, citation or claim id; any other
    input; any error); the caller then renders the whole site. `serve` uses it; tests
    check it against `render`.
    It walks the whole site only to find the edited pages and to copy lists, so that an
    edit is served in tens of milliseconds on a site of any size."""
    site, source = previous.site, previous.source
    edited = list(dict.fromkeys(changed))
    if site is None or source is None or not edited or failed(previous.diagnostics, False):
        return None
    # where each edited page sits in the site and in the source texts
    at_page = {p.path: i for i, p in enumerate(site.pages) if p.path in edited}
    at_text = {t.path: i for i, t in enumerate(source.pages) if t.path in edited}
    if len(at_page) < len(edited) or len(at_text) < len(edited):
        return None
    pages, texts, uncited = list(site.pages), list(source.pages), dict(site.uncited)
    flags = dict(site.flags)
    diagnostics = [d for d in previous.diagnostics if d.path not in at_page]
    reworded: set[str] = set()  # keys cited by a claim whose words changed
    as_written: list[Page] = []  # the edited pages before they inherit from their article
    recount = False  # a page's count of statements with no source changed
    for path in edited:
        file, old = root / path, site.pages[at_page[path]]
        text, problems = read_input(root, file) if file.is_file() else (None, [])
        page, more = parse_page(text) if text is not None else (None, [])
        as_written += [page] if page is not None else []
        if page is not None and page.folder and not page.is_index and page.slug == old.slug:
            page = inherit(page, site.article_of[old.slug].head)  # as `resolve` does
        if text is None or page is None or failed(problems + more, False) \
                or _shown_elsewhere(page) != _shown_elsewhere(old):
            return None
        try:
            notes, flagged, found = lint_page(
                site, page, text.text, source.wording.text if source.wording else None)
        except ValueError:
            return None
        for before, after in zip(old.claims, page.claims, strict=True):
            flags.pop(before.id, None)
            reworded.update(after.keys if after.text != before.text else ())
        flags.update(notes)
        pages[at_page[path]], texts[at_text[path]] = page, text
        # the home page and the overview count each page's statements with no source
        recount |= len(flagged) != len(uncited.get(page.slug, ()))
        uncited.pop(page.slug, None)
        uncited.update({page.slug: flagged} if flagged else {})
        diagnostics += more + found
    claims = {c.id: c for path in edited for c in pages[at_page[path]].claims}
    cited_by = dict(site.cited_by)  # the same claims, reworded or at other lines
    for cited in {k for claim in claims.values() for k in claim.keys}:
        cited_by[cited] = tuple(claims.get(c.id, c) for c in cited_by[cited])
    new_site = replace(site.with_pages(pages), uncited=uncited, cited_by=cited_by,
                       flags=flags)
    diagnostics += check_pages(new_site, as_written, source.people is not None)
    try:
        rendered = rerender_pages(memory, site, new_site, [at_page[path] for path in edited],
                                  sorted(reworded), claim_lists=bool(reworded),
                                  counts=recount)
    except TemplateError:
        return None
    if rendered is None:
        return None
    sources = {**previous.sources, **{t.path: t.text for t in texts if t.path in at_text}}
    return Result(diagnostics, new_site, {**previous.files, **rendered}, sources,
                  replace(source, pages=tuple(texts)), rendered=frozenset(rendered))


def _shown_elsewhere(page: Page) -> tuple[object, ...]:
    """What other pages and the site-wide files show of a page, or what decides their
    numbering and evidence, besides its claims' words: an edit that leaves this alone
    changes the page's own HTML, and where a claim was reworded, the pages of the studies
    it cites and the lists of claims (`renderer.CLAIM_LISTS`)."""
    return (page.slug, page.title, page.order, page.summary, page.topics, page.reviewed,
            page.draft, tuple(c.key for c in page.citations),
            tuple((c.id, c.keys, c.explicit, _roles(c)) for c in page.claims),
            # an article's pages, its home card, its people's pages show these (SPEC §6)
            page.authors, page.reviewed_by, page.next_review, page.updates)


def _roles(claim: Claim) -> tuple[tuple[str, int], ...]:
    """What a claim's evidence depends on besides its keys: each citation's role, and which
    of the claim's sentences it ends (counted from the claim's first, so that an edit
    before the claim changes nothing)."""
    first = claim.citations[0].sentence if claim.citations else 0
    return tuple((c.cito, c.sentence - first) for c in claim.citations)
