"""`k2site new`: copy the example site bundled in `k2site/scaffold/` into a new folder.

The example checks clean under `--strict` and builds as it is: a publication of two
articles (one in a folder with a section, one a single page) and an about page, with
claims of different evidence, references of different designs, the people who wrote
and reviewed them, a commented `site.yaml`, and a GitHub Actions workflow that checks,
builds and publishes it. Its review dates are the day it is made and a year later.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sys
from importlib import metadata, resources
from importlib.resources.abc import Traversable
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname


def new_site(site: Path) -> int:
    """Create the example site in `site`: 0, or 2 when the folder is not new or empty."""
    if site.exists() and (not site.is_dir() or any(site.iterdir())):
        what = "a folder that is not empty" if site.is_dir() else "a file"
        print(f"k2site: error: {site} is {what}; give the name of a new folder",
              file=sys.stderr)
        return 2
    written = copy_tree(resources.files("k2site") / "scaffold", site)
    date_pages(site / "content", dt.date.today())
    written += write_requirements(site)
    print(f"k2site: created {site} with {written} files. Next:\n"
          f"  cd {site}\n"
          f"  k2site serve          # preview, updated as you edit\n"
          f"  k2site check --strict # every problem at once\n"
          f"  k2site build          # the site, in build/", file=sys.stderr)
    return 0


def copy_tree(source: Traversable, target: Path) -> int:
    """Copy a packaged folder, dotfiles too; returns how many files were written."""
    target.mkdir(parents=True, exist_ok=True)
    written = 0
    for item in sorted(source.iterdir(), key=lambda t: t.name):
        if item.name == "__pycache__":
            continue
        if item.is_dir():
            written += copy_tree(item, target / item.name)
        else:
            (target / item.name).write_bytes(item.read_bytes())
            written += 1
    return written


#: What the example pages say for their review dates, written in when the site is made:
#: fixed dates would make a new site's review overdue a year after a k2site release.
DATE_MARKS = {"@TODAY@": dt.timedelta(0), "@NEXT_REVIEW@": dt.timedelta(days=365)}


def date_pages(content: Path, today: dt.date) -> None:
    """Put the dates into the example's pages: reviewed today, next due in a year."""
    for page in sorted(content.rglob("*.md")):
        text = page.read_text("utf-8")
        for mark, later in DATE_MARKS.items():
            text = text.replace(mark, (today + later).isoformat())
        page.write_text(text, "utf-8")


def write_requirements(site: Path) -> int:
    """`requirements.txt`, which the site's workflow installs: this very k2site, named the
    way it was installed here, so that the site's first CI run installs what built it.
    A wheel installed from a file is copied into `wheels/` beside it; returns the number
    of files written."""
    line, wheel = install_source()
    written = 1
    if wheel is not None:
        (site / "wheels").mkdir()
        shutil.copyfile(wheel, site / "wheels" / wheel.name)
        line, written = f"./wheels/{wheel.name}", 2
    (site / "requirements.txt").write_text(
        "# What the site's workflow installs to check and build it: the k2site that made it.\n"
        "# To move to another release, change this line (see k2site's docs/publishing.md).\n"
        f"{line}\n", encoding="utf-8")
    return written


def install_source() -> tuple[str, Path | None]:
    """How to install the running k2site elsewhere: a requirement line, and the wheel file
    to copy when it was installed from one. From a Git repository, its URL at the commit;
    from a downloaded archive, its URL; otherwise its name and version on the index."""
    from k2site import __version__

    try:
        direct = json.loads(metadata.distribution("k2site").read_text("direct_url.json") or "{}")
    except metadata.PackageNotFoundError:
        direct = {}
    url = direct.get("url", "")
    if (vcs := direct.get("vcs_info")) and vcs.get("vcs") == "git":
        return f"k2site @ git+{url}@{vcs['commit_id']}", None
    if "archive_info" in direct and url.startswith("https://"):
        return f"k2site @ {url}", None
    if "archive_info" in direct and url.startswith("file://") and url.endswith(".whl"):
        wheel = Path(url2pathname(urlparse(url).path))
        if wheel.is_file():
            return "", wheel
    return f"k2site=={__version__}", None
