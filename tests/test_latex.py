"""LaTeX -> Unicode decoding of BibTeX field values (k2site.latex)."""

from __future__ import annotations

import pytest

from k2site.references.latex import Run, decode, runs


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # accents, with and without braces, and on dotless i
        (r"M{\"u}ller", "Müller"),
        (r"M\"{u}ller", "Müller"),
        (r"M\"uller", "Müller"),
        (r"Caluw{\'e}", "Caluwé"),
        (r"Lu{\'{\i}}s", "Luís"),
        (r"Basti{\~{a}}o", "Bastião"),
        (r"Fran\c{c}ois \v{S}imko \H{o} \k{a} \r{a}", "François Šimko ő ą å"),
        (r"\u{g} \={a} \.{z} \d{a} \`a \^o", "ğ ā ż ạ à ô"),
        # special letters
        (r"M{\o}ller {\AE}sop {\ss} {\l}{\L} {\aa}{\AA} \oe{} \i", "Møller Æsop ß łŁ åÅ œ ı"),
        # dashes, quotes and ties
        ("pages 4--9 and a---b", "pages 4–9 and a—b"),
        ("``quoted'' and `single' O'Brien", "“quoted” and ‘single’ O’Brien"),
        ("J.~Amer. Math.", "J. Amer. Math."),
        # protected capitals and stray braces
        ("{DNA} in {X}-factor", "DNA in X-factor"),
        ("{{Double}} braces", "Double braces"),
        ("unclosed {brace", "unclosed brace"),
        ("stray } brace", "stray brace"),
        # escaped characters
        (r"Nutrition \& Metabolism, 50\% \$ \# \_", "Nutrition & Metabolism, 50% $ # _"),
        # simple math
        (r"1{$\alpha$},25-dihydroxyvitamin", "1α,25-dihydroxyvitamin"),
        (r"{Cu$_2$O} and 10$^{-3}$ and $\pm$ and $\beta_2$", "Cu₂O and 10⁻³ and ± and β₂"),
        (r"$\mu$g and $\leq$ 5", "μg and ≤ 5"),
        # text commands keep their argument; \url is verbatim but unescaped
        (r"\emph{In vitro} \textbf{bold} \textit{it}", "In vitro bold it"),
        (r"\mkbibquote{Quoted} \enquote{too}", "“Quoted” “too”"),
        (r"\url{http://x.org/a\%20b_c}", "http://x.org/a%20b_c"),
        (r"\href{http://x.org}{the link}", "the link"),
        (r"{\noopsort{a}}Zebra", "Zebra"),
        (r"\textsuperscript{th} \textsubscript{2}", "^(th) ₂"),
        (r"\unknowncommand{kept} text", "kept text"),
        # a command name ends at the first non-letter and eats the spaces after it
        (r"\textendash{} \textemdash \ldots", "– —…"),
        (r"?`Qu\'e? !`Ay!", "¿Qué? ¡Ay!"),
        # whitespace, empty values and a trailing backslash never crash
        ("  many \n\t spaces  ", "many spaces"),
        ("", ""),
        ("\\", ""),
        ("{", ""),
        ("$", ""),
    ],
)
def test_decode(source: str, expected: str) -> None:
    assert decode(source) == expected


def test_plain_text_is_returned_unchanged() -> None:
    assert decode("Vitamin K2 and bone health") == "Vitamin K2 and bone health"


def test_runs_mark_braced_text_and_math_as_protected() -> None:
    assert runs("Vitamin {K} in {$\\alpha$}-tocopherol") == (
        Run("Vitamin ", False),
        Run("K", True),
        Run(" in ", False),
        Run("α", True),
        Run("-tocopherol", False),
    )


def test_text_commands_are_not_protected() -> None:
    # Pandoc reads \emph{...} as emphasis, not as a case-protecting group.
    assert runs(r"\emph{In Vitro} Study") == (Run("In Vitro Study", False),)


def test_decode_is_cached() -> None:
    value = r"Cache {\"u}ber test"
    decode(value)
    hits = decode.cache_info().hits
    decode(value)
    assert decode.cache_info().hits == hits + 1
