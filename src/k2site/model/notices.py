"""Notices on a published study: retraction, correction, expression of concern, reinstatement.

The vocabulary the store's `retraction` field and a Retraction Watch snapshot share, and
whether a study's notices leave it retracted. Pure data; imports nothing of k2site.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

RETRACTION = "retraction"
CORRECTION = "correction"
CONCERN = "expression-of-concern"
REINSTATEMENT = "reinstatement"
NATURES = (RETRACTION, CORRECTION, CONCERN, REINSTATEMENT)

#: Each nature as readers see it on a study.
NATURE_LABEL = {
    RETRACTION: "Retracted",
    CORRECTION: "Corrected",
    CONCERN: "Expression of concern",
    REINSTATEMENT: "Reinstated after retraction",
}

#: What each nature means, in one sentence for readers.
NATURE_MEANING = {
    RETRACTION: "The journal withdrew this study; it no longer counts as evidence here.",
    CORRECTION: "The journal published a correction to this study; it still counts as"
    " evidence.",
    CONCERN: "The journal has raised concerns about this study's reliability; it still"
    " counts as evidence, but read it with care.",
    REINSTATEMENT: "The journal reinstated this study after retracting it.",
}


@dataclass(frozen=True)
class Notice:
    """One published notice about a study."""

    nature: str
    """One of NATURES."""
    date: str = ""
    """The notice's date as ISO `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; '' when not known."""
    doi: str = ""
    """The notice's own DOI (never the study's); '' when not known."""
    source: str = ""
    """Where k2site learnt of it: the `.bib` file or the snapshot file, relative to the site."""
    line: int = 0
    """The line of the field or of the snapshot's row in that file."""
    reasons: tuple[str, ...] = ()
    """Retraction Watch's reasons, when the notice comes from its snapshot."""

    @property
    def label(self) -> str:
        return NATURE_LABEL[self.nature]


def is_retracted(notices: Iterable[Notice]) -> bool:
    """Whether the last retraction or reinstatement is a retraction. Notices without a
    date count in the order given, after the dated ones they follow."""
    state = False
    for notice in sorted(notices, key=lambda n: n.date or "9999"):
        if notice.nature == RETRACTION:
            state = True
        elif notice.nature == REINSTATEMENT:
            state = False
    return state
