"""axe-core on every kind of page, in light and dark mode, at desktop and phone widths.

Each run also saves full-page screenshots to test-artifacts/screenshots/ for people to
look at: `<page>-<scheme>-<width>.png`.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from .browser_support import PAGES, screenshot

pytestmark = pytest.mark.browser

#: The article again with the evidence filter on and a study preview open, so the dimmed
#: claims and the preview are held to the same contrast and naming rules.
STATES = {**PAGES, "article-filtered": PAGES["article"] + "?evidence=rct"}
WIDTHS = (1280, 375)


def axe_violations(page: Any, axe_url: str) -> list[dict[str, Any]]:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(url=axe_url)
    result = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "nodes": [n["target"] for n in v["nodes"]][:5]} for v in result]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", list(STATES))
def test_axe_reports_no_violations(reader_factory: Any, axe_url: str, name: str,
                                   scheme: str) -> None:
    reader = reader_factory(color_scheme=scheme, viewport={"width": WIDTHS[0], "height": 900})
    reader.goto(STATES[name])
    page = reader.page
    if name == "search":
        page.locator(".search-result").first.wait_for()
    found = {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900 if width > 500 else 740})
        if name == "article-filtered":
            cite = page.locator("a.cite").first
            cite.focus()
            page.locator(".preview").wait_for(state="visible")
        violations = axe_violations(page, axe_url)
        if violations:
            found[width] = violations
        screenshot(reader, f"{name}-{scheme}-{width}")
    assert not found, json.dumps(found, indent=1)
