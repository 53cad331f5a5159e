"""Parse stage for the BibTeX store: `.bib` texts -> `Study` values and diagnostics.

bibtexparser 2 splits the text into blocks; this module turns its failed blocks into
positioned diagnostics, expands `@string` macros and `#` concatenations
(`bibtex_strings`), decodes LaTeX, and checks the custom `evidence` and `verification` fields
against the vocabulary of SPEC §3.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from k2site.diagnostics import Diagnostic, error, warning
from k2site.files.folders import STUDIES, study_slug
from k2site.model.document import Study
from k2site.model.evidence import DESIGNS, VERIFICATIONS
from k2site.references import latex, registries, retractions
from k2site.references.bibtex_strings import field_text, macros

if TYPE_CHECKING:  # bibtexparser loads only when a .bib file changed (see `parse_file`)
    from bibtexparser import model as bib

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
_PMID = re.compile(r"^\d{1,9}$")
#: Pandoc's citation key: a letter, digit or `_`, then letters, digits and `_`, with any of
#: `:.#$%&-+?<>~/` between two of them (and `:` or `/` before a `/`, as in a URL).
#: Nothing else can be cited, and a key names its study's page, so nothing else is kept.
KEY = re.compile(r"\w(?:\w|[:.#$%&\-+?<>~/](?=\w)|[:/](?=/))*")

# bibtexparser logs each failed block; k2site reports them as diagnostics instead.
logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)


@dataclass(frozen=True)
class BibSource:
    """One `.bib` file as read from disk."""

    path: str
    text: str


def parse_store(sources: Sequence[BibSource]) -> tuple[dict[str, Study], list[Diagnostic]]:
    """Every entry of every file, keyed by BibTeX key, with the problems found."""
    return merge_files([parse_file(source) for source in sources])


def merge_files(
    parsed: Sequence[tuple[list[Study], list[Diagnostic]]],
) -> tuple[dict[str, Study], list[Diagnostic]]:
    """One store from each file's entries; a key defined twice is an error at the second."""
    studies: dict[str, Study] = {}
    diagnostics: list[Diagnostic] = []
    pages: dict[str, Study] = {}  # by study page folder, in any case: see `_same_page`
    for entries, problems in parsed:
        diagnostics += problems
        for study in entries:
            first = studies.get(study.key)
            if first is not None:
                diagnostics.append(_duplicate(study, first))
            elif (other := pages.get(study_slug(study.key).casefold())) is not None:
                diagnostics.append(_same_page(study, other))
            else:
                studies[study.key] = study
                pages[study_slug(study.key).casefold()] = study
    return studies, diagnostics


def parse_file(source: BibSource) -> tuple[list[Study], list[Diagnostic]]:
    """One `.bib` file's entries, in file order, and its problems."""
    import bibtexparser

    # no middleware: the values stay as written, so that `#` can be told from the text
    library = bibtexparser.parse_string(without_comment_lines(source.text), parse_stack=[])
    defined = macros((string.key, string.value) for string in library.strings)
    diagnostics: list[Diagnostic] = []
    entries: dict[str, Study] = {}
    studies = []
    for entry in library.entries:
        if not KEY.fullmatch(entry.key):
            diagnostics.append(_bad_key(source, entry))
            continue
        study = _study(source.path, entry, defined, diagnostics)
        entries.setdefault(study.key, study)
        studies.append(study)
    for block in library.failed_blocks:
        diagnostics.append(_failed_block(source, block, entries))
    return studies, diagnostics


_COMMENT_LINE = re.compile(r"^[ \t]*%[^\n]*", re.M)


def without_comment_lines(text: str) -> str:
    """The text with every line that starts with `%` blanked to spaces, as biber and
    Pandoc skip them: an entry commented out line by line is not a study. Lengths stay,
    so line and column numbers do too."""
    return _COMMENT_LINE.sub(lambda m: " " * len(m.group()), text)


def _study(path: str, entry: bib.Entry, defined: dict[str, str],
           diagnostics: list[Diagnostic]) -> Study:
    raw = {f.key.lower(): field_text(_text(f.value), defined) for f in entry.fields}
    decoded = {name: _decode(name, value) for name, value in raw.items()}
    study = Study(
        key=entry.key,
        entry_type=entry.entry_type.lower(),
        fields=decoded,
        raw_fields=raw,
        path=path,
        line=(entry.start_line or 0) + 1,
    )
    lines = {f.key.lower(): f.start_line + 1 for f in entry.fields}
    diagnostics.extend(_check_fields(study, lines))
    if study.get("retraction"):
        line = lines.get("retraction", study.line)
        notices, problems = retractions.field_notices(study.get("retraction"), path, line)
        diagnostics.extend(warning(path, line, 3, "bad-retraction",
                                   f"entry '{study.key}', field 'retraction': {problem}")
                           for problem in problems)
        study = replace(study, notices=notices)
    return study


def _text(value: object) -> str:
    return value if isinstance(value, str) else str(value)


def _decode(name: str, value: str) -> str:
    if name in ("url", "doi", "file", "pmid", "retraction", "registration"):
        return value.strip()
    if name == "month" and value.lower()[:3] in _MONTHS and len(value) <= 9:
        return str(_MONTHS.index(value.lower()[:3]) + 1)
    return latex.decode(value)


def _check_fields(study: Study, lines: dict[str, int]) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    design = study.fields.get("evidence", "").strip().lower()
    if not design:
        found.append(
            warning(
                study.path, study.line, 1, "missing-evidence",
                f"entry '{study.key}' has no 'evidence' field; it counts as a source not"
                f" identified. Add one of: {', '.join(DESIGNS)}",
            )
        )
    elif design not in DESIGNS:
        found.append(
            error(
                study.path, lines.get("evidence", study.line), 3, "bad-evidence",
                f"entry '{study.key}' has evidence = '{design}', which is not a design k2site"
                f" knows; use one of: {', '.join(DESIGNS)}",
            )
        )
    verification = study.fields.get("verification", "").strip().lower()
    if verification and verification not in VERIFICATIONS:
        found.append(
            error(
                study.path, lines.get("verification", study.line), 3, "bad-evidence",
                f"entry '{study.key}' has verification = '{verification}'; use one of:"
                f" {', '.join(VERIFICATIONS)}",
            )
        )
    found.extend(_check_identifiers(study, lines))
    found.extend(_check_registration(study, lines))
    return found


def _check_registration(study: Study, lines: dict[str, int]) -> list[Diagnostic]:
    """Each registry id of the entry has a registry's form; a randomised trial published
    after 2005 names one (`missing-registration`)."""
    value = study.get("registration")
    if not value:
        year = study.year or 0
        if study.design != "rct" or year <= registries.REGISTRATION_EXPECTED_AFTER:
            return []
        return [warning(study.path, study.line, 1, "missing-registration",
                        f"entry '{study.key}' is a randomised trial published in {year} with"
                        " no 'registration' field: add its registry id (such as"
                        " NCT01234567), so readers can compare it with what was planned,"
                        " or 'none' if you looked and found none")]
    return [warning(study.path, lines.get("registration", study.line), 3, "bad-identifier",
                    f"entry '{study.key}' has registration '{found.id}', which is not the"
                    " form of a trial registry's id (such as NCT01234567 or ISRCTN12345678)")
            for found in registries.registrations(value) if not found.registry]


#: Identifier fields, the form each must take, and what to say when one does not.
_IDENTIFIERS = (
    ("doi", _DOI, ", which is not of the form 10.NNNN/suffix"),
    ("pmid", _PMID, "; a PubMed id is a number"),
)


def _check_identifiers(study: Study, lines: dict[str, int]) -> list[Diagnostic]:
    return [
        warning(study.path, lines.get(name, study.line), 3, "bad-identifier",
                f"entry '{study.key}' has {name} = '{value}'{why}")
        for name, form, why in _IDENTIFIERS
        if (value := study.fields.get(name, "")) and not form.match(value)
    ]


def _duplicate(study: Study, first: Study) -> Diagnostic:
    return error(
        study.path, study.line, 1, "duplicate-key",
        f"duplicate BibTeX key '{study.key}': first defined at {first.path}:{first.line}",
    )


def _bad_key(source: BibSource, entry: bib.Entry) -> Diagnostic:
    """A key Pandoc could not cite, such as `../escape`, at the key itself."""
    raw = entry.raw or ""
    start = source.text.find(raw, _line_offset(source.text, entry.start_line or 0))
    head = re.match(r"[^{(]*[{(]\s*", raw)
    at = max(start, 0) + (head.end() if head else 0)
    line_start = source.text.rfind("\n", 0, at) + 1
    return error(source.path, source.text.count("\n", 0, at) + 1, at - line_start + 1,
                 "bib-syntax",
                 f"BibTeX key '{entry.key}' cannot be cited: a key starts with a letter, digit"
                 " or _ and holds only those, with any of :.#$%&-+?<>~/ between two of them")


def _line_offset(text: str, line: int) -> int:
    """Where 0-based `line` starts in `text`."""
    offset = 0
    for _ in range(line):
        offset = text.find("\n", offset) + 1
    return offset


def _same_page(study: Study, first: Study) -> Diagnostic:
    """Two keys whose study pages would be one folder (`a/b` and `a-b`, or keys that
    differ only in case, which a case-insensitive disk cannot keep apart)."""
    return error(study.path, study.line, 1, "duplicate-key",
                 f"BibTeX key '{study.key}' would have the same study page,"
                 f" {STUDIES}/{study_slug(study.key)}/, as '{first.key}' ({first.path}:"
                 f"{first.line}); rename one of them")


def _failed_block(source: BibSource, block: bib.Block, entries: dict[str, Study]) -> Diagnostic:
    line = (block.start_line or 0) + 1
    from bibtexparser.model import DuplicateBlockKeyBlock

    if isinstance(block, DuplicateBlockKeyBlock):
        first = entries.get(block.key)
        where = f": first defined at {first.path}:{first.line}" if first else ""
        return error(source.path, line, 1, "duplicate-key",
                     f"duplicate BibTeX key '{block.key}'{where}")
    failure = getattr(block, "error", None)
    reason = " ".join(str(getattr(failure, "abort_reason", "") or failure or "").split())
    end = getattr(failure, "end_index", None)
    if isinstance(end, int):
        reason += f" (noticed at line {source.text.count(chr(10), 0, end) + 1})"
    return error(source.path, line, 1, "bib-syntax",
                 f"BibTeX syntax error in this entry: {reason or 'it could not be parsed'}")
