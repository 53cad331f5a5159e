"""`serve`'s rebuild after an edit to one page: exactly what a whole render gives.

`serve.rerender` re-reads, re-parses, re-lints and re-renders only the edited pages
when nothing another page shows of them changed, and declines (None) otherwise; each
test applies an edit, asks it, and compares with `run.render` of the edited site.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from k2site.diagnostics import sort_unique
from k2site.pipeline import run
from k2site.serve.rerender import rerender
from support import REPO, copy_site

SECOND = Path(__file__).parent / "sites" / "second"
Edit = Callable[[str], str]


#: What `serve` would keep between its rebuilds, new for each test.
_MEMORY: list[run.Memory] = []


@pytest.fixture(autouse=True)
def _remember() -> Iterator[None]:
    _MEMORY[:] = [run.Memory.for_serve()]
    yield
    _MEMORY.clear()


def _render(root: Path) -> run.Result:
    return run.render(root, drafts=True, memory=_MEMORY[0])


def _fast(root: Path, previous: run.Result, changed: list[str]) -> run.Result | None:
    pages = _MEMORY[0].pages
    assert pages is not None
    return rerender(root, previous, changed, pages)


def _rerender(root: Path, page: str, *edits: Edit) -> tuple[run.Result | None,
                                                            run.Result]:
    """Each edit in turn, rerendered from the one before; then a whole render."""
    result: run.Result | None = _render(root)
    for edit in edits:
        assert result is not None
        path = root / page
        path.write_text(edit(path.read_text()))
        result = _fast(root, result, [page])
    return result, _render(root)


def _same(fast: run.Result | None, whole: run.Result) -> None:
    assert fast is not None, "the edit was not rerendered on its own"
    assert fast.files.keys() == whole.files.keys()
    assert [p for p in whole.files if fast.files[p] != whole.files[p]] == []
    assert sort_unique(fast.diagnostics) == sort_unique(whole.diagnostics)
    assert fast.sources == whole.sources
    assert fast.site is not None and whole.site is not None
    assert fast.site.uncited == whole.site.uncited and fast.site.flags == whole.site.flags


def _replace(old: str, new: str) -> Edit:
    def edit(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, 1)
    return edit


@pytest.fixture
def k2(tmp_path: Path) -> Path:
    site = tmp_path / "k2"
    for part in ("site.yaml", "content", "references"):
        source = REPO / part
        if source.is_dir():
            copy_site(source, site / part)
        else:
            site.mkdir(exist_ok=True)
            (site / part).write_bytes(source.read_bytes())
    return site


@pytest.fixture
def second(tmp_path: Path) -> Path:
    return copy_site(SECOND, tmp_path / "second")


def test_prose_and_headings_are_rerendered_alone(second: Path) -> None:
    fast, whole = _rerender(
        second, "content/basics.md",
        _replace("found in oily fish.", "found in oily fish and some algae."),
        _replace("Write to editors", "## Corrections\n\nWrite to editors"),
    )
    _same(fast, whole)
    assert b"some algae" in whole.files["basics/index.html"]


def test_lines_moving_under_the_claims_and_a_new_uncited_assertion(k2: Path) -> None:
    page = "content/dental-health.md"
    text = (k2 / page).read_text()
    body = text.index("\n---", 3) + 4
    fast, whole = _rerender(
        k2, page,
        lambda t: t[:body] + "\n\nA first paragraph, added above every claim.\n" + t[body:],
        lambda t: t.rstrip("\n") + "\n\nVitamin K2 prevents tooth decay in children.\n",
    )
    _same(fast, whole)
    assert whole.site is not None
    assert whole.site.uncited.get("dental-health"), "the new assertion was not flagged"


def test_two_pages_saved_together(second: Path) -> None:
    first = _render(second)
    for name, added in (("basics.md", "Omega-3 fats are oils."), ("fish-oil.md", "More soon.")):
        page = second / "content" / name
        page.write_text(page.read_text() + f"\n{added}\n")
    fast = _fast(second, first, ["content/basics.md", "content/fish-oil.md"])
    _same(fast, _render(second))
    assert fast is not None and fast.rendered == {"basics/index.html", "fish-oil/index.html"}


@pytest.mark.parametrize("edit", [
    _replace("title: What are omega-3 fats?", "title: Omega-3 fats"),
    _replace("[@burr1929]", "[@burr1929; @nosuchkey2020]"),  # a citation, and an error
    _replace("order: 1", "order: 9"),
    lambda text: text + "\n::: {.claim #unclosed}\nNever closed.\n",
    _replace("[@burr1929]", "[@disagrees_with:burr1929]"),  # the same key, another role
], ids=["title", "citation", "order", "error", "role"])
def test_edits_shown_elsewhere_are_declined(second: Path, edit: Edit) -> None:
    fast, _ = _rerender(second, "content/basics.md", edit)
    assert fast is None


def test_a_reworded_claim_rerenders_its_studies_and_the_claim_lists(second: Path) -> None:
    fast, whole = _rerender(second, "content/basics.md",
                            _replace("animal feeding studies", "early animal feeding studies"))
    _same(fast, whole)
    assert fast is not None and fast.rendered is not None
    assert {"basics/index.html", "studies/burr1929/index.html", "claims.json",
            "references/index.html", "evidence/index.html"} <= fast.rendered
    assert b"early animal feeding" in whole.files["claims.json"]


def test_an_overclaim_reworded_or_silenced_changes_its_note(k2: Path) -> None:
    # the linter's suggestion taken, then the other way out: an ignore comment
    page, claim = "content/dental-health.md", "dental-health-in-teeth-a-key-type"
    before = _render(k2).site
    assert before is not None and claim in before.flags
    for edit in (_replace("which then promotes dentin", "which then may promote dentin"),
                 _replace("may promote dentin growth [",
                          "promotes dentin growth <!-- k2site: ignore overclaim --> [")):
        fast, whole = _rerender(k2, page, edit)
        _same(fast, whole)
        assert whole.site is not None and claim not in whole.site.flags


def test_other_inputs_and_removed_pages_are_declined(second: Path) -> None:
    first = _render(second)
    assert _fast(second, first, ["references/trials.bib"]) is None
    assert _fast(second, first, ["site.yaml"]) is None
    (second / "content" / "basics.md").unlink()
    assert _fast(second, first, ["content/basics.md"]) is None
    assert _fast(second, first, ["content/new-page.md"]) is None


PUBLICATION = Path(__file__).parent / "sites" / "publication"


@pytest.fixture
def publication(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")  # 2026-12-01
    return copy_site(PUBLICATION, tmp_path / "publication")


@pytest.mark.parametrize(("page", "words", "reworded"), [
    ("content/vitamin-d/dosing.md", "for about five years", "for five years"),
    ("content/vitamin-d/index.md", "set by a review", "set after a review"),
    ("content/walking.md", "over the following decade", "over the next decade"),
], ids=["section", "opening", "one-page"])
def test_an_article_page_is_rerendered_alone(publication: Path, page: str, words: str,
                                             reworded: str) -> None:
    """A section (which inherits its byline), an article's opening page, a one-page
    article: prose and a reworded claim, each rebuilt on its own as a whole render would."""
    fast, whole = _rerender(publication, page, lambda text: text + "\nA closing remark.\n",
                            _replace(words, reworded))
    _same(fast, whole)
    assert fast is not None and fast.rendered is not None
    assert "claims.json" in fast.rendered and any(p.startswith("topics/") for p in fast.rendered)


@pytest.mark.parametrize("edit", [
    _replace("reviewed_by: [carla-jensen]", "reviewed_by: [david-cho]"),
    _replace("next_review: 2027-10-01", "next_review: 2026-11-01"),
    _replace("topics: [bone, supplements]", "topics: [bone]"),
    _replace("    text: Reviewed against", "    text: Checked against"),
], ids=["reviewer", "next-review", "topics", "updates"])
def test_byline_edits_are_declined(publication: Path, edit: Edit) -> None:
    """Its sections, the home page and people's pages show these: the whole site."""
    fast, _ = _rerender(publication, "content/vitamin-d/index.md", edit)
    assert fast is None


def test_a_section_dropping_its_own_byline_takes_its_articles(publication: Path) -> None:
    section = publication / "content" / "vitamin-d" / "bones.md"
    own = section.read_text().replace("order: 1\n", "order: 1\nauthors: [ben-okafor]\n")
    section.write_text(own)
    fast, whole = _rerender(publication, "content/vitamin-d/bones.md",
                            _replace("authors: [ben-okafor]\n", ""))
    assert fast is None  # the byline changed: declined, and the whole render is right
    assert whole.site is not None
    assert whole.site.article_of["vitamin-d/bones"].pages[1].authors == ("ana-lima",)


def test_an_overdue_review_warning_moves_with_its_line(publication: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1830297600")  # 2028-01-01: all overdue
    fast, whole = _rerender(publication, "content/walking.md",
                            _replace("title: Walking", "# a comment line\ntitle: Walking"))
    _same(fast, whole)
    assert [d.line for d in whole.diagnostics if d.path == "content/walking.md"] == [10]
