"""BibTeX field values from LaTeX to Unicode text (part of the load stage).

A small hand-written reader rather than a general LaTeX converter: BibTeX values use a
known handful of constructs (accents, special letters, escaped characters, dashes,
quotes, simple inline math, text-style commands, case-protecting braces). Reading them
directly is fast and keeps track of which text braces protected, which the CSL stage
needs for sentence case. The output follows Pandoc's LaTeX reader where that is
sensible, so that k2site formats references as `pandoc --citeproc` does.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache
from typing import NamedTuple


class Run(NamedTuple):
    """A piece of a decoded value; `protected` when braces or math kept its case."""

    text: str
    protected: bool


# Accent commands -> combining characters (composed with NFC afterwards).
ACCENTS = {
    "'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303",
    "=": "\u0304", ".": "\u0307", "u": "\u0306", "v": "\u030c", "H": "\u030b",
    "c": "\u0327", "d": "\u0323", "b": "\u0331", "k": "\u0328", "r": "\u030a",
    "t": "\u0361",
}

SYMBOLS = {
    "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "aa": "å", "AA": "Å",
    "ss": "ß", "SS": "SS", "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "dh": "ð", "DH": "Ð",
    "th": "þ", "TH": "Þ", "ng": "ŋ", "NG": "Ŋ", "dj": "đ", "DJ": "Đ",
    "textendash": "–", "textemdash": "—", "textquoteleft": "‘", "textquoteright": "’",
    "textquotedblleft": "“", "textquotedblright": "”", "ldots": "…", "dots": "…",
    "textellipsis": "…", "textregistered": "®", "texttrademark": "™", "copyright": "©",
    "textcopyright": "©", "S": "§", "P": "¶", "pounds": "£", "textsterling": "£",
    "euro": "€", "texteuro": "€", "textdegree": "°", "textasciitilde": "~",
    "textbackslash": "\\", "textbar": "|", "textless": "<", "textgreater": ">",
    "textunderscore": "_", "textbullet": "•", "dag": "†", "ddag": "‡",
    "textdagger": "†", "guillemotleft": "«", "guillemotright": "»", "LaTeX": "LaTeX",
    "TeX": "TeX", "slash": "/", "textmu": "µ", "textperthousand": "‰",
    "textquestiondown": "¿", "textexclamdown": "¡", "textsection": "§", "textpm": "±",
    "texttimes": "×", "textminus": "−", "hyphen": "-", "textasciicircum": "^",
    "textbraceleft": "{", "textbraceright": "}", "textdollar": "$", "quad": "\u2003",
    "qquad": "\u2003\u2003", "enspace": "\u2002", "thinspace": "\u2009",
}

MATH_SYMBOLS = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ",
    "varepsilon": "ε", "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ",
    "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π",
    "rho": "ρ", "sigma": "σ", "tau": "τ", "upsilon": "υ", "phi": "ϕ", "varphi": "φ",
    "chi": "χ", "psi": "ψ", "omega": "ω", "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ",
    "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ", "Upsilon": "Υ", "Phi": "Φ",
    "Psi": "Ψ", "Omega": "Ω", "varGamma": "Γ", "pm": "±", "mp": "∓", "times": "×",
    "div": "÷", "cdot": "⋅", "circ": "∘", "leq": "≤", "le": "≤", "geq": "≥", "ge": "≥",
    "neq": "≠", "ne": "≠", "approx": "≈", "sim": "∼", "simeq": "≃", "equiv": "≡",
    "infty": "∞", "to": "→", "rightarrow": "→", "leftarrow": "←", "uparrow": "↑",
    "downarrow": "↓", "leftrightarrow": "↔", "partial": "∂", "nabla": "∇", "neg": "¬",
    "langle": "⟨", "rangle": "⟩", "Box": "□", "Diamond": "◇", "prime": "′",
    "degree": "°", "ell": "ℓ", "hbar": "ℏ", "in": "∈", "sum": "∑", "int": "∫",
    "sqrt": "√", "propto": "∝", "ll": "≪", "gg": "≫", "star": "⋆", "ast": "∗",
    "bullet": "∙", "cdots": "⋯", "ldots": "…", "percent": "%",
}

# Escaped characters and spacing commands made of one non-letter.
ESCAPES = {
    "&": "&", "%": "%", "$": "$", "#": "#", "_": "_", "{": "{", "}": "}", " ": " ",
    ",": "\u2006", ";": "\u2005", ":": "\u2005", "!": "", "-": "", "/": "", "@": "",
    "\\": " ", "\n": " ", "\t": " ",
}

QUOTE_COMMANDS = {"mkbibquote": ("“", "”"), "enquote": ("“", "”"), "textquote": ("“", "”")}
# Text-style commands: their argument is plain text (not case-protected), as in Pandoc.
STYLE_COMMANDS = {
    "emph", "textit", "textbf", "textsc", "texttt", "textrm", "textsf", "textup", "textsl",
    "textmd", "textnormal", "mkbibemph", "mkbibitalic", "mkbibbold", "textcolor",
    "uppercase", "lowercase", "MakeUppercase", "MakeLowercase", "bibstring", "mkbibacro",
}
# Commands whose argument is dropped: sort keys and other invisible material.
DROP_ARGUMENT = {"noopsort", "nocite", "label", "index", "footnote", "footnotetext"}

SUPERSCRIPTS = dict(zip("0123456789+-=()ni", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱ", strict=True))
SUBSCRIPTS = dict(zip("0123456789+-=()aeoxhklmnpst", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₒₓₕₖₗₘₙₚₛₜ", strict=True))

_SPECIAL = re.compile(r"[\\{}$~]")
_TEXT = re.compile(r"[^\\{}$~]+")
_SPACES = re.compile(r"\s+")
# TeX's ligatures and Pandoc's smart punctuation, longest first.
_LIGATURES = (("---", "—"), ("--", "–"), ("?`", "¿"), ("!`", "¡"), ("``", "“"), ("''", "”"),
              ("`", "‘"), ("'", "’"))


@lru_cache(maxsize=65536)
def decode(value: str) -> str:
    """`M{\\o}ller` -> `Møller`, `{DNA}` -> `DNA`, `--` -> en dash; plain text stays as it is."""
    if not _SPECIAL.search(value):
        return _SPACES.sub(" ", _ligatures(value)).strip()
    return _SPACES.sub(" ", "".join(run.text for run in runs(value))).strip()


def field_text(raw: Mapping[str, str], name: str) -> str:
    """A field's value with its LaTeX decoded; '' when the entry lacks it."""
    value = raw.get(name)
    return decode(value) if value else ""


def _ligatures(text: str) -> str:
    for source, target in _LIGATURES:
        if source in text:
            text = text.replace(source, target)
    return text


@lru_cache(maxsize=65536)
def runs(value: str) -> tuple[Run, ...]:
    """The decoded value as runs; top-level `{...}` groups and math are protected."""
    if not _SPECIAL.search(value):
        return (Run(_ligatures(value), False),) if value else ()
    reader = _Reader(value)
    found: list[Run] = []
    while reader.pos < len(value):
        char = value[reader.pos]
        if char == "{":
            reader.pos += 1
            found.append(Run(reader.group(), True))
        elif char == "$":
            found.append(Run(reader.math(), True))
        else:
            found.append(Run(reader.text_until("{$"), False))
    return tuple(_merge(found))


def _merge(found: list[Run]) -> list[Run]:
    merged: list[Run] = []
    for run in found:
        if merged and merged[-1].protected == run.protected and not run.protected:
            merged[-1] = Run(merged[-1].text + run.text, False)
        elif run.text:
            merged.append(run)
    return merged


class _Reader:
    """A cursor over one value; each method consumes one construct and returns text."""

    def __init__(self, value: str) -> None:
        self.value = value
        self.pos = 0

    def text_until(self, stops: str) -> str:
        """Plain text up to one of `stops`, commands decoded; a stray `}` is dropped."""
        out: list[str] = []
        value = self.value
        while self.pos < len(value):
            char = value[self.pos]
            if char in stops:
                break
            if char == "}":
                self.pos += 1
                continue
            out.append(self.token())
        return "".join(out)

    def token(self) -> str:
        """One construct: a command, a group, math, a tie, or a stretch of plain text."""
        char = self.value[self.pos]
        if char == "\\":
            return self.command()
        if char == "{":
            self.pos += 1
            return self.group()
        if char == "$":
            return self.math()
        if char == "~":
            self.pos += 1
            return "\u00a0"
        match = _TEXT.match(self.value, self.pos)
        if match is None:  # a stray `}`
            self.pos += 1
            return ""
        self.pos = match.end()
        return _ligatures(match.group())

    def group(self) -> str:
        """The rest of a `{...}` group whose opening brace was consumed."""
        text = self.text_until("}")
        if self.pos < len(self.value):
            self.pos += 1
        return text

    def argument(self) -> str:
        """One macro argument: a braced group, a command, or a single character."""
        self.skip_spaces()
        if self.pos >= len(self.value):
            return ""
        if self.value[self.pos] == "{":
            self.pos += 1
            return self.group()
        return self.token()

    def skip_spaces(self) -> None:
        while self.pos < len(self.value) and self.value[self.pos] in " \t\n":
            self.pos += 1

    def command(self) -> str:
        value = self.value
        self.pos += 1
        if self.pos >= len(value):
            return ""
        start = self.pos
        while self.pos < len(value) and value[self.pos].isascii() and value[self.pos].isalpha():
            self.pos += 1
        name = value[start : self.pos]
        if not name:
            self.pos += 1
            return self.symbol(value[start])
        if name not in ACCENTS:
            self.skip_spaces()
        return self.named(name)

    def symbol(self, char: str) -> str:
        if char in ACCENTS:
            return _accent(self.argument(), ACCENTS[char])
        return ESCAPES.get(char, char)

    def named(self, name: str) -> str:
        if name in ACCENTS:
            return _accent(self.argument(), ACCENTS[name])
        if name in SYMBOLS:
            return SYMBOLS[name] + self.empty_group()
        if name in QUOTE_COMMANDS:
            opening, closing = QUOTE_COMMANDS[name]
            return opening + self.argument() + closing
        if name in STYLE_COMMANDS:
            return self.argument()
        if name in DROP_ARGUMENT:
            self.argument()
            return ""
        if name == "href":
            self.argument()
            return self.argument()
        if name in ("textsuperscript", "textsubscript"):
            return _script(self.argument(), name == "textsuperscript")
        if name in ("ensuremath", "mathrm", "mathit", "mathbf", "text"):
            return _math_text(self.raw_argument())
        if name in ("url", "path", "nolinkurl", "doi", "verb"):
            return re.sub(r"\\([%&#_~$])", r"\1", self.raw_argument())
        return self.empty_group()

    def empty_group(self) -> str:
        """`\\o{}` and `\\relax{}`: an empty group after a command only ends its name."""
        if self.value.startswith("{}", self.pos):
            self.pos += 2
        return ""

    def raw_argument(self) -> str:
        """A braced argument taken verbatim (URLs, math text)."""
        self.skip_spaces()
        if not self.value.startswith("{", self.pos):
            return ""
        depth, start = 0, self.pos
        for index in range(self.pos, len(self.value)):
            depth += {"{": 1, "}": -1}.get(self.value[index], 0)
            if depth == 0:
                self.pos = index + 1
                return self.value[start + 1 : index]
        self.pos = len(self.value)
        return self.value[start + 1 :]

    def math(self) -> str:
        """`$...$` (or `$$...$$`) as Unicode text: Greek letters, symbols, scripts."""
        value = self.value
        fence = "$$" if value.startswith("$$", self.pos) else "$"
        start = self.pos + len(fence)
        end = start
        while True:
            end = value.find(fence, end)
            if end == -1 or value[end - 1] != "\\":
                break
            end += 1
        if end == -1:
            self.pos = len(value)
            return _math_text(value[start:])
        self.pos = end + len(fence)
        return _math_text(value[start:end])


def _accent(base: str, mark: str) -> str:
    if not base:
        return unicodedata.normalize("NFC", mark)
    base = {"ı": "i", "ȷ": "j"}.get(base[0], base[0]) + base[1:]
    return unicodedata.normalize("NFC", base[0] + mark + base[1:])


_MATH_TOKEN = re.compile(r"\\([A-Za-z]+|.)\s*|([_^])\s*(\{[^{}]*\}|\\[A-Za-z]+|.)|([{}])|(\s+)")


@lru_cache(maxsize=4096)
def _math_text(source: str) -> str:
    """Simple math to text, as Pandoc's plain output shows it: `\\alpha` -> α, `_2` -> ₂."""

    def replace(match: re.Match[str]) -> str:
        command, script, argument, brace, space = match.groups()
        if command is not None:
            if command in MATH_SYMBOLS:
                return MATH_SYMBOLS[command]
            return ESCAPES.get(command, SYMBOLS.get(command, ""))
        if script is not None:
            inner = _math_text(argument.strip("{}")) if argument != "\\" else ""
            return _script(inner, script == "^")
        return "" if brace or space else match.group(0)

    return _MATH_TOKEN.sub(replace, source)


def _script(text: str, superscript: bool) -> str:
    table = SUPERSCRIPTS if superscript else SUBSCRIPTS
    if text and all(char in table for char in text):
        return "".join(table[char] for char in text)
    if superscript:
        return f"^({text})" if len(text) > 1 else f"^{text}"
    return f"_({text})" if len(text) > 1 else f"_{text}"
