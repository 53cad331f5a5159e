"""Fuzzing the citation and claim syntax with hypothesis: whatever a page holds, parsing,
linting and rendering it never raise, and nothing from the text escapes the HTML.

The examples are drawn from the syntax's own characters and fragments (brackets, `@`,
`;`, braces, escapes, code, comments, claim divs, HTML), so that most of them come near
a citation; their number and each one's time are bounded, so that CI stays quick.
"""

from __future__ import annotations

import re
from datetime import timedelta
from functools import lru_cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from k2site.content.page import parse_page
from k2site.content.syntax import blank_citations, parse_citation_group, strip_ignores
from k2site.lint import rules
from k2site.model.document import SiteConfig, Study
from k2site.model.site import Site, resolve
from k2site.references.bibliography import Bibliography
from k2site.references.bibtex import BibSource, parse_file
from k2site.render.body import Badges, CitationHtml, body_html
from k2site.render.templates import template_env
from support import in_ci

FRAGMENTS = [
    "[", "]", "@", "-", ";", ",", "{", "}", "\\", "`", "<", ">", "(", ")", ":", "#", "*",
    "_", '"', "'", "&", "/", ".", "!", "~", " ", "  ", "\n", "\n\n", "\t", "a", "B", "7",
    "é", "\u00a0", "\u201c", "@gast2009", "@smith", "[@gast2009]", "[-@smith, p. 3]",
    "[see @gast2009; @x]", "@{doi:10.1/x}", "@gast2009 [p. 12]", "editor@example.org",
    "https://example.org/@gast2009", "<!--", "-->", "<!-- k2site: ignore overclaim -->",
    "k2site: ignore", "::: {.claim #c}\n", ":::\n", "::: {.claim}\n", "- ", "> ", "1. ",
    "# ", "```\n", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "&lt;",
    "&#60;", "javascript:alert(1)", "](javascript:alert(1))", "](https://e.org/)",
    "\"><script>", "prevents", "cures", "may reduce", " found that ",
]

NASTY = ["<script>", "</p>", "<b>", "&", "&amp;", '"', "'", "<!--", "-->", "\\", "`",
         "<img src=x onerror=alert(1)>", "p. 12", "see", "e.g.,", "chap. <4>", "{", "}"]
keys = st.one_of(st.sampled_from(["gast2009", "smith", "x", "a:b", "a.b-c/d"]),
                 st.from_regex(r"[A-Za-z0-9_][A-Za-z0-9_:.#$%&+?<>~/-]{0,8}", fullmatch=True))
words = st.lists(st.sampled_from(NASTY + ["word", "K2", " "]), max_size=4).map(" ".join)
parts = st.builds(lambda prefix, dash, key, suffix: f"{prefix} {dash}@{key}{suffix}",
                  words, st.sampled_from(["", "-"]), keys,
                  st.one_of(st.just(""), words.map(lambda w: ", " + w), words))
groups = st.lists(parts, min_size=1, max_size=3).map(lambda p: "[" + "; ".join(p) + "]")
narratives = st.builds(lambda before, key, locator: f"{before}@{key}{locator}",
                       st.sampled_from(["", " ", "(", "*", "x", "/"]), keys,
                       st.one_of(st.just(""), words.map(lambda w: f" [{w}]")))
cited = st.lists(st.one_of(groups, narratives, words, st.sampled_from(FRAGMENTS)),
                 max_size=12).map(" ".join)

texts = st.one_of(
    cited,
    st.lists(st.sampled_from(FRAGMENTS), max_size=60).map("".join),
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=200),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS),
                       st.text(st.characters(blacklist_categories=("Cs", "Cc")),
                               max_size=5)), max_size=40).map("".join),
)

FUZZ = settings(max_examples=300 if in_ci() else 150, deadline=timedelta(seconds=3),
                derandomize=in_ci(), suppress_health_check=[HealthCheck.too_slow])

#: The tags a page body may hold; anything else that looks like a tag came from the text.
_TAGS = {"p", "em", "strong", "a", "code", "pre", "ul", "ol", "li", "blockquote", "hr",
         "br", "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th",
         "td", "div", "span", "sup", "img", "button", "svg", "path", "use", "title", "abbr",
         "b", "i", "small"}
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-z-]+(?:=\"[^\"<>]*\")?)*)\s*/?>")
_BIB = """@article{gast2009, author = {Gast, G. C. M. and others}, title = {A high
menaquinone intake reduces the incidence of coronary heart disease}, journal = {Nutr
Metab Cardiovasc Dis}, year = {2009}, evidence = {cohort}}
@article{smith, author = {Smith, Jane}, title = {A <b>trial</b> & more}, year = {2020},
evidence = {rct}, registration = {NCT01234567}}
"""


@lru_cache(maxsize=1)
def _store() -> dict[str, Study]:
    studies, problems = parse_file(BibSource("references/refs.bib", _BIB))
    assert problems == []
    return {s.key: s for s in studies}


@lru_cache(maxsize=1)
def _badges() -> Badges:
    return Badges(template_env({}))


@lru_cache(maxsize=2)
def _bibliography(style: str) -> Bibliography:
    return Bibliography(list(_store().values()), style)


def _site(text: str) -> tuple[Site, str]:
    page, _ = parse_page("content/fuzz.md", f"---\ntitle: Fuzz\n---\n{text}\n")
    assert page is not None
    config = SiteConfig(title="Fuzz", base_url="https://example.org/")
    site, _ = resolve(config, [page], _store())
    return site, f"---\ntitle: Fuzz\n---\n{text}\n"


def _assert_contained(html: str) -> None:
    """Every `<` starts a tag k2site writes, with quoted attributes and no handlers."""
    assert "<script" not in html.lower()
    rest = _TAG.sub(lambda m: _checked_tag(m), html)
    assert "<" not in rest and ">" not in rest.replace("&gt;", ""), rest


def _checked_tag(match: re.Match[str]) -> str:
    assert match.group(2).lower() in _TAGS, match.group()
    attributes = match.group(3).lower()
    assert not re.search(r"\son[a-z]+=", attributes), match.group()
    # a link's target only: a label may quote a key such as @JAVASCRIPT as words
    urls = re.findall(r'\s(?:href|src|action|formaction)="\s*([^"]*)"', attributes)
    assert not any(url.startswith("javascript:") for url in urls), match.group()
    return ""


@FUZZ
@given(texts)
def test_parsing_and_rendering_never_fail_or_leak(text: str) -> None:
    site, source = _site(text)
    page = site.pages[0]
    for style in ("american-medical-association", "apa"):
        citations = CitationHtml(site, _bibliography(style), _badges(), "../")
        html = str(body_html(site, page, citations))
        _assert_contained(html)
    rules.lint_page(site, page, source, None)


@FUZZ
@given(texts)
def test_text_scanners_keep_every_column(text: str) -> None:
    stripped, _ = strip_ignores(text)
    blanked = blank_citations(stripped)
    assert len(stripped) == len(text) and len(blanked) == len(text)
    assert blanked.count("\n") == text.count("\n")


@FUZZ
@given(texts)
def test_a_citation_group_parses_to_keys_it_holds(text: str) -> None:
    citations = parse_citation_group(text)
    for citation in citations or []:
        assert citation.key and citation.key in text
        assert not re.search(r"[\s;\]]", citation.key)



def test_a_key_that_reads_javascript_is_words_in_a_label_never_a_link() -> None:
    """Found by the fuzz test: `@JAVASCRIPT` gives a label "JAVASCRIPT: unknown source"."""
    site, _ = _site("A claim [@JAVASCRIPT].\n\nAnother [link](javascript:alert(1)).\n")
    citations = CitationHtml(site, _bibliography("apa"), _badges(), "../")
    html = str(body_html(site, site.pages[0], citations))
    _assert_contained(html)
    assert "JAVASCRIPT:" in html and 'href="javascript:' not in html.lower()
