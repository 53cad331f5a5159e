"""The folder contract: what a site folder holds, what a build writes, what is kept.

Every other module takes these names from here rather than spelling a folder out, so
that what counts as an input, which slugs are reserved and how an output folder is
recognised are stated once (SPEC §2 and §5).
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

#: The site's settings, at the top of the site folder; required.
SITE_CONFIG = "site.yaml"
#: The site's own additions to the wording vocabulary, beside `site.yaml`; optional.
WORDING = "wording.yaml"
#: The people who write and review the articles, beside `site.yaml`; optional.
PEOPLE = "people.yaml"
#: The input files at the top of the site folder.
ROOT_FILES = (SITE_CONFIG, WORDING, PEOPLE)

#: Pages: `content/*.md`, and `content/<article>/*.md` for an article in a folder of its
#: own (SPEC §6); nothing deeper.
PAGES = "content"
#: The file of an article folder that holds the article's front matter and opening text.
ARTICLE_INDEX = "index.md"
#: The BibTeX store: `references/*.bib`, one level deep.
REFERENCES = "references"
#: The Retraction Watch snapshot editors download (Crossref's file name); optional.
RETRACTIONS = "references/retraction_watch.csv"
#: Overrides of the theme's templates, by name, at any depth.
TEMPLATES = "templates"
#: Files copied into the output as they are, at any depth.
STATIC = "static"
#: The site's input folders, which no output may be or lie inside.
INPUT_FOLDERS = (PAGES, REFERENCES, TEMPLATES, STATIC)
#: The input folders read one level deep, and the suffix of the files read there.
SUFFIXES = {PAGES: ".md", REFERENCES: ".bib"}

# Results kept between builds live outside the site folder, which a pull request can
# write: see `cache.site_cache`.
#: The folder of the search index Pagefind makes in the output, whole.
SEARCH_BUNDLE = "pagefind"
#: Where `k2site build` writes when not told (`SITE/build`).
DEFAULT_OUTPUT = "build"

#: Written into every output folder: a build replaces a folder only when it holds this
#: file (or nothing at all), so `-o` pointed at the wrong folder never deletes its files.
OUTPUT_MARKER = ".k2site-output"
OUTPUT_MARKER_TEXT = (b"This folder is the output of 'k2site build', which replaces it"
                      b" whole on every build.\n")

#: Top-level names the build writes (folders, and files without their suffix); no page
#: or article folder may take one of them as its slug.
RESERVED_SLUGS = frozenset(
    {"references", "studies", "evidence", "how-we-grade", "assets", "pagefind", "search",
     "claims", "index", "404", "feed", "sitemap", "topics", "people"}
)


#: The folder of the study pages, one folder per BibTeX key (see `study_slug`).
STUDIES = "studies"
#: Characters of a BibTeX key that a study's folder name does not keep.
_NOT_IN_SLUG = re.compile(r"[^\w.-]+")


def study_slug(key: str) -> str:
    """The folder of a study's page under `studies/`, and the `ref-` anchor of its entry in
    reference lists: the key itself when it holds only letters, digits, `_`, `-` and `.`;
    otherwise each run of other characters (Pandoc lets a key hold `:.#$%&-+?<>~/`) becomes
    one `-`, so that `doi:10.1/x` has the page `studies/doi-10.1-x/`. A key starts with a
    letter, digit or `_` and never holds `..` (`bibtex` checks it), so neither does this."""
    return _NOT_IN_SLUG.sub("-", key)


def is_input(rel: str) -> bool:
    """Whether a path relative to the site folder (forward slashes) is one of its inputs:
    a root file, an input folder, a page or `.bib` file one level deep, an article folder
    or a page in one, or anything under `templates/` or `static/`. Editors' swap and
    backup files never are."""
    parts = PurePosixPath(rel).parts
    if not parts or parts[-1].startswith(".") or parts[-1].endswith("~"):
        return False
    if len(parts) == 1:
        return parts[0] in ROOT_FILES or parts[0] in INPUT_FOLDERS
    if rel == RETRACTIONS:
        return True
    if parts[0] == PAGES:
        # an article folder (its name has no suffix) counts too: adding, renaming or
        # removing one changes the site before any of its pages is seen
        return (len(parts) == 2 and "." not in parts[1]) or (
            len(parts) in (2, 3) and parts[-1].endswith(".md"))
    suffix = SUFFIXES.get(parts[0])
    if suffix:
        return len(parts) == 2 and parts[1].endswith(suffix)
    return parts[0] in INPUT_FOLDERS
