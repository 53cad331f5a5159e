"""Static checks on the built K2 site's HTML, no browser: weight, JSON-LD, CSP, basics.

Fast companions to tests/browser/: what can be read off the files is checked here.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

import pytest

BUDGET = 100 * 1024
#: Script types that carry data the browser does not run, so the CSP need not allow them.
DATA_SCRIPTS = {"application/json", "application/ld+json"}
#: `<link rel>` values whose URL is never fetched by the page.
NOT_FETCHED = {"canonical", "alternate"}


class Page(HTMLParser):
    """What the checks need from one HTML file."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[tuple[dict[str, str], str]] = []
        self._script: dict[str, str] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        self.tags.append((tag, values))
        if tag == "script":
            self._script, self._text = values, []

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._text)))
            self._script = None

    def find(self, tag: str, **attrs: str) -> list[dict[str, str]]:
        return [a for t, a in self.tags if t == tag
                and all(a.get(k.rstrip("_").replace("_", "-")) == v for k, v in attrs.items())]

    def loaded(self) -> list[str]:
        """URLs the page itself fetches: scripts, stylesheets, icons, images, media."""
        urls = [a["src"] for _, a in self.tags if a.get("src")]
        urls += [a["href"] for t, a in self.tags if t == "link" and a.get("href")
                 and not set(a.get("rel", "").split()) & NOT_FETCHED]
        return urls


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def html_files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "pagefind" not in p.relative_to(site).parts)


@pytest.fixture(scope="module")
def pages(k2_build: Path) -> dict[str, Page]:
    return {str(p.relative_to(k2_build)): parse(p) for p in html_files(k2_build)}


def weight(site: Path, rel: str, page: Page) -> int:
    """Bytes of the page plus every local stylesheet and script it loads."""
    total = (site / rel).stat().st_size
    base = (site / rel).parent
    for url in page.loaded():
        if url.startswith(("data:", "http:", "https:", "//")):
            continue
        path = urlparse(url).path
        # site-absolute URLs (the 404 page's) are taken from the site's root
        target = (site / path.lstrip("/") if path.startswith("/") else base / path).resolve()
        if target.is_file() and target.suffix in {".css", ".js"}:
            total += target.stat().st_size
    return total


def test_every_page_is_under_100_kb_with_its_css_and_js(k2_build: Path,
                                                        pages: dict[str, Page]) -> None:
    heavy = {rel: weight(k2_build, rel, p) for rel, p in pages.items()}
    assert len(heavy) > 80
    over = {rel: size for rel, size in heavy.items() if size > BUDGET}
    assert not over, over


def test_nothing_is_loaded_from_another_host(pages: dict[str, Page]) -> None:
    for rel, page in pages.items():
        remote = [u for u in page.loaded() if urlparse(u).scheme or u.startswith("//")]
        assert not remote, (rel, remote)


def test_scripts_are_files_or_data(pages: dict[str, Page]) -> None:
    for rel, page in pages.items():
        for attrs, body in page.scripts:
            if "src" in attrs:
                assert not body.strip(), rel
            else:
                assert attrs.get("type") in DATA_SCRIPTS, (rel, attrs)
                json.loads(body)


def test_no_inline_styles_the_csp_would_block(pages: dict[str, Page]) -> None:
    for rel, page in pages.items():
        assert not page.find("style"), rel
        assert not [a for _, a in page.tags if "style" in a], rel


def test_every_page_has_lang_csp_and_skip_link(pages: dict[str, Page]) -> None:
    for rel, page in pages.items():
        html = page.find("html")
        assert html and html[0].get("lang"), rel
        csp = page.find("meta", http_equiv="Content-Security-Policy")
        assert csp, rel
        policy = csp[0]["content"]
        assert "default-src 'self'" in policy and "script-src 'self'" in policy, rel
        assert "http" not in policy, rel   # no other host is ever allowed
        skip = page.find("a", class_="skip-link")
        assert page.find("main", id="main"), rel
        # on an article, past the contents list to the article itself
        target = "#article" if page.find("article", class_="article") else "#main"
        assert skip and skip[0]["href"] == target, rel
        assert target == "#main" or page.find("article", id="article", tabindex="-1"), rel


def jsonld(page: Page) -> dict:
    blocks = [json.loads(body) for attrs, body in page.scripts
              if attrs.get("type") == "application/ld+json"]
    assert len(blocks) == 1
    return blocks[0]


def test_article_json_ld_is_a_reviewed_medical_page_citing_its_studies(
        pages: dict[str, Page], k2_build: Path) -> None:
    claims = json.loads((k2_build / "claims.json").read_text())
    refs = {r["id"]: r for r in json.loads((k2_build / "references.json").read_text())}
    for slug in {c["page"] for c in claims}:
        data = jsonld(pages[f"{slug}/index.html"])
        assert data["@context"] == "https://schema.org"
        assert data["@type"] == "MedicalWebPage"
        assert data["lastReviewed"]
        cited = {k for c in claims if c["page"] == slug for k in c["citations"]}
        assert len(data["citation"]) == len(cited & set(refs))
        for study in data["citation"]:
            assert study["@type"] == "MedicalScholarlyArticle"
            assert study["publicationType"] and study["description"]   # the design
            key = study["url"].rstrip("/").rsplit("/", 1)[1]
            if refs[key].get("DOI"):
                assert {"@type": "PropertyValue", "propertyID": "DOI",
                        "value": refs[key]["DOI"]} in study["identifier"]


def test_home_and_study_pages_have_json_ld(pages: dict[str, Page]) -> None:
    home = jsonld(pages["index.html"])
    assert home["@type"] == "MedicalWebPage" and home["lastReviewed"] and home["hasPart"]
    study = jsonld(pages["studies/geleijnse2004/index.html"])
    assert study["mainEntity"]["sameAs"].startswith("https://doi.org/")
    assert study["mainEntity"]["publicationType"] == "Observational Study"


def test_open_graph_tags(pages: dict[str, Page]) -> None:
    for rel, page in pages.items():
        props = {a.get("property") for a in page.find("meta")}
        assert {"og:title", "og:description", "og:url", "og:type", "og:site_name"} <= props, rel


def test_previews_cover_every_citation_on_the_page(pages: dict[str, Page]) -> None:
    for rel, page in pages.items():
        keys = {a["data-key"] for a in page.find("a", class_="cite")}
        if not keys:
            continue
        data = [json.loads(body) for attrs, body in page.scripts
                if attrs.get("id") == "k2-studies"]
        assert data and keys <= set(data[0]), rel
        for study in data[0].values():
            assert {"n", "design", "group", "short", "symbol"} <= set(study), rel


def test_templates_read_view_dicts_as_jinja_does() -> None:
    from jinja2 import UndefinedError

    from k2site.render.templates import template_env

    env = template_env({"t.html": "{{ v.title }}|{{ v.items()|list|length }}|{{ n.real }}"})
    assert env.get_template("t.html").render(v={"title": "K2", "b": 1}, n=3) == "K2|2|3"
    with pytest.raises(UndefinedError):
        env.get_template("t.html").render(v={"b": 1}, n=3)
