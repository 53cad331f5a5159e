"""Parse stage for the store's `registration` field: trial registry ids, checked and linked.

`registration = {NCT01234567}` names a trial's record in a registry; several ids are
separated by commas or semicolons. Each id must have the form of one of the WHO primary
registries (or ClinicalTrials.gov, ISRCTN, EU CTR); its link is the registry's own page
where the id keys one, else the WHO search portal (ICTRP), which lists every registry.
Pure: strings in, values out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

_ICTRP = "https://trialsearch.who.int/Trial2.aspx?TrialID={}"

#: (registry, the whole id's form, its page) in the order tried; forms from the
#: registries' own id rules (see docs/evidence.md).
REGISTRIES: tuple[tuple[str, re.Pattern[str], str], ...] = tuple(
    (name, re.compile(f"^(?:{form})$"), link) for name, form, link in (
        ("ClinicalTrials.gov", r"NCT\d{8}", "https://clinicaltrials.gov/study/{}"),
        ("ISRCTN", r"ISRCTN\d{8}", "https://www.isrctn.com/{}"),
        ("EU Clinical Trials Register", r"\d{4}-\d{6}-\d{2}",
         "https://www.clinicaltrialsregister.eu/ctr-search/search?query={}"),
        ("EU Clinical Trials Information System", r"\d{4}-5\d{5}-\d{2}-\d{2}",
         "https://euclinicaltrials.eu/search-for-clinical-trials/?lang=en&EUCT={}"),
        ("ANZCTR", r"ACTRN\d{14}", "https://www.anzctr.org.au/{}.aspx"),
        ("ChiCTR", r"ChiCTR(?:\d{10}|-[A-Z]{2,4}-\d{8})", _ICTRP),
        ("DRKS", r"DRKS\d{8}", "https://drks.de/search/en/trial/{}"),
        ("UMIN-CTR", r"UMIN\d{9}", _ICTRP),
        ("jRCT", r"jRCT[0-9a-z]\d{9}", _ICTRP),
        ("CTRI", r"CTRI/\d{4}/\d{2,3}/\d{6}", _ICTRP),
        ("CRiS", r"KCT\d{7}", _ICTRP),
        ("PACTR", r"PACTR\d{15}", _ICTRP),
        ("IRCT", r"IRCT\d{10,16}N\d{1,3}", _ICTRP),
        ("TCTR", r"TCTR\d{11}", _ICTRP),
        ("ReBEC", r"RBR-[0-9a-z]{6,8}", _ICTRP),
        ("Netherlands Trial Register", r"NTR\d{3,5}|NL\d+|NL-OMON\d+", _ICTRP),
        ("SLCTR", r"SLCTR/\d{4}/\d{3}", _ICTRP),
        ("LBCTR", r"LBCTR\d{10}", _ICTRP),
        ("RPCEC", r"RPCEC\d{8}", _ICTRP),
        ("JapicCTI", r"JapicCTI-\d{6}", _ICTRP),
        ("REPEC", r"PER-\d{3}-\d{2}", _ICTRP),
    )
)

#: Trials published after this year are expected to be registered: the ICMJE made
#: registration a condition of publication for trials starting from July 2005.
REGISTRATION_EXPECTED_AFTER = 2005


@dataclass(frozen=True)
class Registration:
    """One trial registry id, as a study page links it."""

    id: str
    registry: str
    """The registry's name; '' when the id has no registry's form."""
    url: str
    """The id's page; '' when the id has no registry's form."""


#: What an editor writes who looked for the trial's registration and found none.
NOT_REGISTERED = frozenset({"none", "not found", "unregistered"})


def registrations(value: str) -> list[Registration]:
    """Each id of a `registration` field (commas, semicolons or spaces between them);
    none for `{none}`, which says the editors looked and found no registration."""
    if not_registered(value):
        return []
    return [_registration(_normal(part)) for part in re.split(r"[,;\s]+", value) if part]


def not_registered(value: str) -> bool:
    return " ".join(value.lower().split()) in NOT_REGISTERED


def _normal(part: str) -> str:
    """`nct 0123` typed in lower case still reads; ChiCTR, jRCT and RBR keep their case."""
    upper = part.upper()
    if upper.startswith(("NCT", "ISRCTN", "ACTRN", "DRKS", "UMIN", "CTRI", "KCT", "PACTR",
                         "IRCT", "TCTR", "NTR", "NL", "SLCTR", "LBCTR", "RPCEC", "PER-")):
        return upper
    return part


def _registration(ident: str) -> Registration:
    for name, form, link in REGISTRIES:
        if form.match(ident):
            return Registration(ident, name, link.format(quote(ident, safe="/")))
    return Registration(ident, "", "")
