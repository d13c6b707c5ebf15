"""Keep every launch link on the repository address in pyproject.toml: ``make links``.

The address (``[project.urls] Repository``, e.g. ``https://github.com/nnbp-course/nnbp``) is the one
source of truth for each notebook's "Open in Colab" and "Launch on Binder" links, for the Colab
install line of its setup cell, and for the links in the README. If the repository moves, change
pyproject.toml and run ``make links``; ``--check`` only reports (the tests use it).

``--hub`` prints the nbgitpuller links for a JupyterHub instead (the repository's, and with
``--repo`` another one's, e.g. a repository of student copies); they open the start page in
JupyterLab.

    python tools/launch_links.py [--check]
    python tools/launch_links.py --hub https://hub.example.edu [--repo URL] [--notebook NAME]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from urllib.parse import urlencode

import nbformat

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = ROOT / "notebooks"
README = ROOT / "README.md"
BRANCH = "main"

# Any GitHub owner/name, so that links to an old address are found and rewritten.
COLAB = re.compile(
    r"https://colab\.research\.google\.com/github/[\w.-]+/[\w.-]+/blob/[\w.-]+/notebooks/"
    r"(?P<name>[\w.-]+\.ipynb)"
)
BINDER = re.compile(
    r"https://mybinder\.org/v2/gh/[\w.-]+/[\w.-]+/[\w.-]+\?urlpath=lab/tree/notebooks/"
    r"(?P<name>[\w.-]+\.ipynb)"
)
INSTALL = re.compile(r"nnbp_helpers @ git\+https://github\.com/[\w.-]+/[\w.-]+?(?=[\"'@\s])")


def repository(pyproject: Path = ROOT / "pyproject.toml") -> str:
    """The repository address from pyproject.toml's [project.urls] Repository,
    without a trailing slash."""
    text = Path(pyproject).read_text(encoding="utf-8")
    try:
        import tomllib

        url = tomllib.loads(text)["project"]["urls"]["Repository"]
    except ImportError:  # Python 3.10
        section = text.split("[project.urls]", 1)[1]
        url = re.search(r'^\s*Repository\s*=\s*"([^"]+)"', section, re.M).group(1)
    url = url.rstrip("/").removesuffix(".git")
    if not re.fullmatch(r"https://github\.com/[\w.-]+/[\w.-]+", url):
        raise ValueError(
            f"Repository in pyproject.toml must be https://github.com/OWNER/NAME, got {url!r}"
        )
    return url


def slug(repo: str) -> str:
    return repo.removeprefix("https://github.com/")


def colab_url(repo: str, name: str) -> str:
    return f"https://colab.research.google.com/github/{slug(repo)}/blob/{BRANCH}/notebooks/{name}"


def binder_url(repo: str, name: str) -> str:
    return f"https://mybinder.org/v2/gh/{slug(repo)}/{BRANCH}?urlpath=lab/tree/notebooks/{name}"


def hub_link(
    hub: str, repo: str, notebook: str = "00_start_here.ipynb", branch: str = BRANCH
) -> str:
    """The nbgitpuller link that clones (later: pulls) ``repo`` into the student's home on the
    JupyterHub at ``hub`` and opens ``notebooks/<notebook>`` in JupyterLab. nbgitpuller names the
    folder after the repository's last path part (``nnbp``, ``nnbp-student``);
    ``app=lab&subpath=...`` makes it open the notebook inside whatever folder that is, where a fixed
    ``urlpath`` would name one folder only."""
    query = urlencode(
        {"repo": repo, "branch": branch, "app": "lab", "subpath": f"notebooks/{notebook}"}
    )
    return f"{hub.rstrip('/')}/hub/user-redirect/git-pull?{query}"


def install_requirement(repo: str) -> str:
    return f"nnbp_helpers @ git+{repo}"


def rewrite(text: str, repo: str) -> str:
    """``text`` with every Colab/Binder link and install line on ``repo`` (same notebook names)."""
    text = COLAB.sub(lambda m: colab_url(repo, m.group("name")), text)
    text = BINDER.sub(lambda m: binder_url(repo, m.group("name")), text)
    return INSTALL.sub(install_requirement(repo), text)


def notebooks() -> list[Path]:
    return sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))


def problems(repo: str | None = None) -> list[str]:
    """What is not on the address in pyproject.toml (an empty list when everything is)."""
    repo = repo or repository()
    found = []
    for path in notebooks():
        nb = nbformat.read(path, as_version=4)
        title = nb.cells[0].source if nb.cells else ""
        for label, url in (
            ("Open in Colab", colab_url(repo, path.name)),
            ("Launch on Binder", binder_url(repo, path.name)),
        ):
            if f"[{label}]({url})" not in title:
                found.append(f"{path.name}: the title cell lacks [{label}]({url})")
        setup = next((c.source for c in nb.cells if c.cell_type == "code"), "")
        if f'"{install_requirement(repo)}"' not in setup:
            found.append(
                f'{path.name}: the setup cell does not install "{install_requirement(repo)}" '
                "in Colab"
            )
        for i, cell in enumerate(nb.cells):
            if rewrite(cell.source, repo) != cell.source:
                found.append(
                    f"{path.name} cell {i}: a launch link or install line uses another address"
                )
    if README.exists():
        text = README.read_text(encoding="utf-8")
        if rewrite(text, repo) != text:
            found.append("README.md: a launch link uses another address")
    return found


def fix(repo: str | None = None) -> list[Path]:
    """Rewrite the links of every notebook and the README onto ``repo``;
    return the files changed."""
    repo = repo or repository()
    changed = []
    for path in notebooks():
        nb = nbformat.read(path, as_version=4)
        touched = False
        for cell in nb.cells:
            new = rewrite(cell.source, repo)
            if new != cell.source:
                cell.source, touched = new, True
        if touched:
            nbformat.write(nb, path)
            changed.append(path)
    if README.exists():
        text = README.read_text(encoding="utf-8")
        if rewrite(text, repo) != text:
            README.write_text(rewrite(text, repo), encoding="utf-8")
            changed.append(README)
    return changed


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()))
    parser.add_argument("--check", action="store_true", help="report what is off, change nothing")
    parser.add_argument(
        "--hub", help="print the nbgitpuller links for the JupyterHub at this address"
    )
    parser.add_argument(
        "--repo",
        action="append",
        default=[],
        help="with --hub: a repository to link besides this one (repeatable)",
    )
    parser.add_argument(
        "--notebook", default="00_start_here.ipynb", help="with --hub: the notebook to open"
    )
    args = parser.parse_args(argv)
    repo = repository()
    if args.hub:
        for url in [repo] + args.repo:
            print(hub_link(args.hub, url, args.notebook))
        return 0
    if args.check:
        found = problems(repo)
        for line in found:
            print(line)
        print(f"{len(found)} problem(s) with the launch links for {repo}")
        return 1 if found else 0
    changed = fix(repo)
    for path in changed:
        print(f"rewrote {path.relative_to(ROOT)}")
    left = problems(repo)
    for line in left:
        print(f"still to fix by hand: {line}")
    print(f"launch links on {repo}: {len(changed)} file(s) changed, {len(left)} problem(s) left")
    return 1 if left else 0


if __name__ == "__main__":
    sys.exit(main())
