"""Render stage: an article's body, its placeholders filled with what the whole site
decided: citation labels and links, claim badges and overclaim notes, the marks after
uncited paragraphs. The badge markup is the theme's (`partials/badge.html`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from jinja2 import Environment
from markupsafe import Markup

from k2site.content.syntax import PLACEHOLDER
from k2site.files.folders import study_slug
from k2site.model.claim_evidence import NO_EVIDENCE
from k2site.model.document import AUTHOR_IN_TEXT, Citation, Page
from k2site.model.evidence import GROUP_BY_ID, EvidenceGroup, Rewording, WordingNote
from k2site.model.roles import ROLE_LABEL, SUPPORTS
from k2site.model.site import Site
from k2site.model.verdict import claim_verdict
from k2site.references.bibliography import Bibliography
from k2site.render import claim_notes
from k2site.render.views import group_view
from k2site.text import escape_html as escape

#: The note after an uncited paragraph that states a health effect as fact.
UNCITED_NOTE = "States a health effect as fact, with no source cited."


class Badges:
    """Claim badges from the theme's `partials/badge.html` (a site may override it), each
    made once per group, page depth and note: a large site shows thousands."""

    def __init__(self, env: Environment) -> None:
        self._macro: Any = env.get_template("partials/badge.html").module.claim_badge  # type: ignore[attr-defined]
        self._made: dict[tuple[str, str, WordingNote | None, str, bool], str] = {}

    def claim(self, group: EvidenceGroup, root: str, note: WordingNote | None,
              label: str = "", disputed: bool = False) -> str:
        """The badge after a claim, its verdict in words (`label` replaces it: "Background
        only", see `claim_notes.badge_label`), and its overclaim note when it has one:
        what the evidence is, the words that go too far and their fairer wording."""
        made = self._made.get((group.id, root, note, label, disputed))
        if made is None:
            words = label or claim_verdict(group.id, disputed).text
            view = {**group_view(group), "verdict": words, **({"short": label} if label else {})}
            shown = None if note is None else {
                "text": note.text,
                "rewordings": [{"words": r.words, "fairer": r.fairer} for r in note.rewordings]}
            made = self._made[(group.id, root, note, label, disputed)] = str(
                self._macro(view, root, shown))
        return made


@dataclass(frozen=True)
class CitationHtml:
    """Turns citations and claim badges into HTML for one page (the markdown env hook)."""

    site: Site
    bibliography: Bibliography
    badges: Badges
    root: str
    made: dict[tuple[str, str, str, str, str], str] = field(default_factory=dict, compare=False)
    """Each citation's HTML by key, prefix, locator, role and mode: a study is cited from
    many pages."""
    article: str = ""
    """The article whose citation numbers these are (SPEC §6: each article's own)."""

    def citation_html(self, citations: Sequence[Citation]) -> str:
        parts = []
        for citation in citations:
            ident = (citation.key, citation.prefix, citation.locator, citation.role,
                     citation.mode)
            if ident not in self.made:
                self.made[ident] = self._item(citation)
            parts.append(self.made[ident])
        if self.bibliography.numeric:
            # as Pandoc does with a numeric style, `@key found` shows the number alone
            return f'<sup class="citation">[{", ".join(parts)}]</sup>'
        if len(citations) == 1 and citations[0].mode == AUTHOR_IN_TEXT:
            return f'<span class="citation">{parts[0]}</span>'
        return f'<span class="citation">({"; ".join(parts)})</span>'

    def _item(self, citation: Citation) -> str:
        key = citation.key
        number = self.site.article_numbers.get(self.article, self.site.numbers).get(key, 0)
        label = self.bibliography.cite_label(key, number) if key in self.site.studies else key
        names, shown = "", label
        if citation.mode and not self.bibliography.numeric and key in self.site.studies:
            names, shown = self.bibliography.cite_parts(key)
        study = self.site.studies.get(key)
        design = study.group.short if study else "unknown source"
        role = "" if citation.role == SUPPORTS else f' data-role="{citation.role}"'
        if citation.role != SUPPORTS:
            design += f", {ROLE_LABEL[citation.role]}"
        if study is not None and study.retracted:
            design += ", retracted"
        link = (f'<a class="cite" href="{self.root}studies/{escape(study_slug(key))}/" '
                f'data-key="{escape(key)}"{role} aria-label="{escape(_aria(label, design))}">'
                f"{escape(shown)}</a>")
        prefix = f"{escape(citation.prefix)} " if citation.prefix else ""
        locator = f", {escape(citation.locator)}" if citation.locator else ""
        if citation.mode == AUTHOR_IN_TEXT and not self.bibliography.numeric:
            # Pandoc's `Lippi & Franchini (2011, p. 12)`; a label without names in brackets
            return f"{escape(names)} ({link}{locator})" if names else f"({link}{locator})"
        return f"{prefix}{link}{locator}"

    def claim_badge_html(self, claim_id: str) -> str:
        group = self.site.groups.get(claim_id, GROUP_BY_ID["none"])
        evidence = self.site.evidence.get(claim_id, NO_EVIDENCE)
        label = claim_notes.badge_label(evidence, group)
        badge = self.badges.claim(group, self.root, self.site.flags.get(claim_id),
                                  "" if label == group.short else label, evidence.disputed)
        return badge + claim_notes.note_html(evidence, self.site.studies)

    def uncited_mark(self, rewordings: tuple[Rewording, ...]) -> str:
        return self.badges.claim(GROUP_BY_ID["none"], self.root,
                                 WordingNote(UNCITED_NOTE, rewordings))

    def claim_attrs(self, claim_id: str) -> dict[str, str]:
        group = self.site.groups.get(claim_id, GROUP_BY_ID["none"])
        return {"id": claim_id, "class": f"claim claim-{group.id}", "data-evidence": group.id}


def _aria(label: str, design: str) -> str:
    return f"Reference {label}: {design}" if label.isdigit() else f"{label}: {design}"


def body_html(site: Site, page: Page, html: CitationHtml) -> Markup:
    """Fill the parsed body's placeholders with what the whole site decided."""
    uncited = site.uncited.get(page.slug, {})

    def fill(match: re.Match[str]) -> str:
        kind, value = match.group(1), match.group(2)
        if kind == "c":
            return html.citation_html(page.groups[int(value)])
        if kind == "b":
            return html.claim_badge_html(value)
        if kind == "u":
            found = uncited.get(int(value))
            return html.uncited_mark(found) if found else ""
        return site.groups.get(value, GROUP_BY_ID["none"]).id

    return Markup(PLACEHOLDER.sub(fill, page.body))
