"""Load stage: the characters a site's text files may hold.

Every text is read with LF line ends: a file saved with CRLF (Windows) or CR (old Mac)
line ends builds exactly as the same file with LF, and its positions count the same
lines. A control character other than tab and line end is refused at its line and
column: none of them means anything in a page, a NUL breaks tools downstream, and most
are not allowed in the XML of the feed, so none may reach an output.
"""

from __future__ import annotations

import re
import unicodedata

from k2site.diagnostics import Diagnostic, error

#: C0 controls but tab and LF, DEL, and the C1 controls: Unicode's category Cc, less two.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def with_lf(text: str) -> str:
    """The text with every CRLF and lone CR made LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def control_characters(path: str, text: str) -> list[Diagnostic]:
    """An error at the first control character of an LF text, counting the others."""
    first = CONTROL.search(text)
    if first is None:
        return []
    at = first.start()
    line = text.count("\n", 0, at) + 1
    col = at - (text.rfind("\n", 0, at) + 1) + 1
    more = sum(1 for _ in CONTROL.finditer(text, at + 1))
    name = unicodedata.name(first.group(), "") or _NAMES.get(first.group(), "control")
    others = f" (and {more} more after it)" if more else ""
    return [error(path, line, col, "control-character",
                  f"this file holds a control character, U+{ord(first.group()):04X} "
                  f"{name}{others}, which no page may show: delete it")]


# unicodedata has no names for the control characters; these are the ones met in practice
_NAMES = {"\x00": "NUL", "\x07": "BEL", "\x08": "BACKSPACE", "\x0b": "VERTICAL TAB",
          "\x0c": "FORM FEED", "\x1b": "ESCAPE", "\x7f": "DELETE"}
