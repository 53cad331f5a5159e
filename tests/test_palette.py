"""The evidence colours of the theme, light and dark, as readers with a colour-vision
deficiency see them: ColorAide simulates protanopia and deuteranopia (Machado 2009,
severity 1) and tritanopia (Brettel 1997), and every pair of groups must stay at least
MIN_DISTANCE apart in CIEDE2000, in normal vision too. Each colour is also a text colour
(badges), held to WCAG AA on the page, card and highlight backgrounds."""

from __future__ import annotations

import itertools
import re

import coloraide
import pytest

from k2site.files.bundled import THEME_STATIC
from k2site.model.evidence import GROUPS

Color = coloraide.Color

#: CIEDE2000 distance every two groups keep under each simulation. About 2 is a just
#: noticeable difference between patches side by side; 12 keeps small swatches and thin
#: bar segments apart at a glance.
MIN_DISTANCE = 12.0
VISIONS = {"normal": None, "protanopia": ("protan", "machado"),
           "deuteranopia": ("deutan", "machado"), "tritanopia": ("tritan", "brettel")}
CSS = (THEME_STATIC / "k2site.css").read_text(encoding="utf-8")


#: Each colour of the theme, written once as light-dark(light, dark).
PAIRS = dict((name, (light, dark)) for name, light, dark in re.findall(
    r"--([a-z-]+):\s*light-dark\((#[0-9a-fA-F]{6}),\s*(#[0-9a-fA-F]{6})\)", CSS))
PALETTES = {scheme: {name: pair[i] for name, pair in PAIRS.items()}
            for i, scheme in enumerate(("light", "dark"))}


def _seen(colour: str, vision: str) -> object:
    sim = VISIONS[vision]
    if sim is None:
        return Color(colour)
    return Color(colour).filter(sim[0], method=sim[1]).convert("srgb").clip()


def test_each_group_has_a_colour_per_scheme_and_paper_takes_the_light_one() -> None:
    assert {g.id for g in GROUPS} <= set(PAIRS)
    # paper sets color-scheme: light, so light-dark() gives the light colours; it must
    # not set colours of its own for the groups
    paper = CSS[CSS.index("@media print"):]
    assert not [g.id for g in GROUPS if f"--{g.id}:" in paper]
    assert "color-scheme: light" in paper


@pytest.mark.parametrize("vision", list(VISIONS))
@pytest.mark.parametrize("scheme", list(PALETTES))
def test_every_two_groups_stay_apart(scheme: str, vision: str) -> None:
    palette = PALETTES[scheme]
    seen = {g.id: _seen(palette[g.id], vision) for g in GROUPS}
    close = [(a, b, round(seen[a].delta_e(seen[b], method="2000"), 1))
             for a, b in itertools.combinations(seen, 2)
             if seen[a].delta_e(seen[b], method="2000") < MIN_DISTANCE]
    assert not close, f"{scheme}, {vision}: {close}"


@pytest.mark.parametrize("scheme", list(PALETTES))
def test_every_group_colour_is_readable_text(scheme: str) -> None:
    palette = PALETTES[scheme]
    for background in ("bg", "card", "hl"):
        for group in GROUPS:
            ratio = Color(palette[group.id]).contrast(palette[background], method="wcag21")
            assert ratio >= 4.5, (scheme, group.id, background, round(ratio, 2))


def test_a_simulation_can_fail() -> None:
    # red and green that everyone else tells apart merge for a deuteranope
    red, green = Color("#d62728"), Color("#2ca02c")
    assert red.delta_e(green, method="2000") > 40
    merged = [_seen(c, "deuteranopia") for c in ("#b35806", "#5a7d00")]
    assert merged[0].delta_e(merged[1], method="2000") < MIN_DISTANCE
