"""Build the static web version of the series: ``make html`` (or ``python tools/build_site.py``).

Executes every notebook in ``notebooks/`` in a fresh kernel and writes ``site/``:

- ``index.html``: the sequence, each notebook's purpose and learning goals, and its launch links;
- one page per notebook with its outputs: figures as embedded PNGs, animations as matplotlib's
  self-contained JavaScript player (``to_jshtml``), exercise checks as shown to a learner;
- ``instructor-guide.html`` (from ``docs/instructor-guide.md``) and the output-free notebooks in
  ``notebooks/`` for download.

Every page reads offline: nothing is loaded from a CDN. The lab template's require.js, MathJax and
widget-manager scripts are left out; formulas are converted to MathML when the page is built
(browsers render MathML natively) and a formula the converter cannot handle is shown as its LaTeX
source. Widgets need a kernel: progress bars and labels are drawn as they finished, and an
interactive widget is replaced by a note saying so; every interactive widget in the series has a
static figure or animation beside it.

    python tools/build_site.py [--out site] [--jobs 2] [NOTEBOOK ...]
"""

from __future__ import annotations

import argparse
import html
import os
import re
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from nbconvert import HTMLExporter
from nbconvert.filters.markdown_mistune import IPythonRenderer, MarkdownWithMath

sys.path.insert(0, str(Path(__file__).resolve().parent))
from launch_links import repository  # noqa: E402  (the repository address in pyproject.toml)

from nnbp_helpers.viz.animation import BUTTON_SYMBOLS  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = ROOT / "notebooks"
GUIDE = ROOT / "docs" / "instructor-guide.md"
SERIES_TITLE = "nnbp — backpropagation, one formula at a time"

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_NOTE = (
    "<div class='nnbp-widget-note'>Interactive widget: it needs a running kernel. Open this "
    "notebook in JupyterLab, Colab or Binder (links at the top) to use it; the figure or "
    "animation next to it shows the same thing.</div>"
)

# matplotlib's to_jshtml player draws its buttons with Font Awesome icons from a CDN; offline the
# buttons would be blank. The package's animations come without it
# (nnbp_helpers.viz.animation.offline_jshtml); any other to_jshtml output gets the same Unicode
# symbols here.
FA_LINK = re.compile(
    r'<link rel="stylesheet"\s*href="https://maxcdn\.bootstrapcdn\.com/font-awesome/[^"]*">'
)
FA_ICONS = BUTTON_SYMBOLS
FA_ICON = re.compile(r'<i class="fa ([a-z\- ]+)"></i>')


# --------------------------------------------------------------------------------------------------
# Reading the notebooks


@dataclass
class NotebookInfo:
    """What the index needs to know about one notebook."""

    path: Path
    number: str
    title: str
    purpose: str
    goals: list = field(default_factory=list)
    colab: str = ""
    binder: str = ""

    @property
    def page(self) -> str:
        return self.path.stem + ".html"


def find_notebooks(directory: Path = NOTEBOOK_DIR) -> list[Path]:
    """The series in reading order: ``NN_name.ipynb`` files."""
    return sorted(Path(directory).glob("[0-9][0-9]_*.ipynb"))


def _inline_markdown(text: str) -> str:
    """Markdown of one line (links, emphasis, code, $maths$ as MathML) as HTML, without the <p>."""
    out = MarkdownWithMath(renderer=MathMLRenderer(escape=False)).render(text).strip()
    return re.sub(r"^<p>(.*)</p>$", r"\1", out, flags=re.S)


def _paragraphs(markdown: str) -> list[str]:
    """Blocks of a markdown text separated by blank lines, each joined into one line."""
    return [
        " ".join(line.strip() for line in block.splitlines())
        for block in re.split(r"\n\s*\n", markdown)
        if block.strip()
    ]


def _bullets(markdown: str) -> list[str]:
    """The items of the first bullet list, each with its continuation lines joined."""
    items = []
    for line in markdown.splitlines():
        if re.match(r"\s*[-*]\s+", line):
            items.append(re.sub(r"^\s*[-*]\s+", "", line).strip())
        elif items and line.strip() and line.startswith((" ", "\t")):
            items[-1] += " " + line.strip()
        elif items and not line.strip():
            continue
        elif items:
            break
    return items


def notebook_info(path: Path, nb=None) -> NotebookInfo:
    """Title, purpose line, learning goals and launch links,
    read from the notebook's first cells."""
    nb = nb if nb is not None else nbformat.read(path, as_version=4)
    md = [c.source for c in nb.cells if c.cell_type == "markdown"]
    title, purpose, colab, binder = path.stem, "", "", ""
    if md:
        heads = [line.strip() for line in md[0].splitlines() if line.startswith("# ")]
        if heads:
            title = heads[0][2:].strip()
        for block in _paragraphs(md[0]):
            if not block.startswith(("#", "**Previous", "[Open in Colab", "[Launch")):
                purpose = block
                break
        found = re.search(r"\[Open in Colab\]\(([^)]+)\)", md[0])
        colab = found.group(1) if found else ""
        found = re.search(r"\[Launch on Binder\]\(([^)]+)\)", md[0])
        binder = found.group(1) if found else ""
    goals = []
    for source in md:
        if re.search(r"^## Learning goals\s*$", source, re.M):
            section = source.split("## Learning goals", 1)[1]
            goals = _bullets(re.split(r"^#{1,6} ", section, flags=re.M)[0])
            break
    return NotebookInfo(path, path.name[:2], title, purpose, goals, colab, binder)


# --------------------------------------------------------------------------------------------------
# Executing


def execute(path: Path, timeout: int = 600) -> tuple:
    """Run the notebook top to bottom in a fresh kernel (in its own folder);
    return (notebook, seconds).

    An error in any cell stops the build with nbclient's CellExecutionError naming the cell.
    """
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    try:
        NotebookClient(
            nb,
            timeout=timeout,
            kernel_name="python3",
            resources={"metadata": {"path": str(path.parent)}},
        ).execute(stderr=subprocess.DEVNULL)
    except CellExecutionError as exc:
        raise RuntimeError(f"{path.name} failed, so the site was not built:\n{exc}") from None
    return nb, time.perf_counter() - start


# --------------------------------------------------------------------------------------------------
# Converting to HTML


ALIGN_ENV = re.compile(
    r"\\begin\{(aligned|align\*?|split|gathered|gather\*?)\}(.*?)\\end\{\1\}", re.S
)


def _as_array(m: re.Match) -> str:
    """aligned/align/split (columns paired right-left at each &) and gathered as an array, which the
    converter turns into an <mtable>; it has no support of its own for these environments."""
    name, body = m.group(1), m.group(2)
    if name.startswith("gather"):
        return f"\\begin{{array}}{{c}}{body}\\end{{array}}"
    rows = re.split(r"\\\\", body)
    columns = max(row.count("&") for row in rows) + 1
    spec = ("rl" * columns)[: max(columns, 1)]
    return f"\\begin{{array}}{{{spec}}}{body}\\end{{array}}"


MATRIX_POWER = re.compile(r"(\\begin\{([bpvBV]?matrix)\}.*?\\end\{\2\})(?=\s*\^)", re.S)
# The converter's slips, mended in its output: a prime set as a superscript of a superscript-sized
# prime (drawn too high and too small), and an operator name run into what follows ("logh").
PRIME = re.compile(r"<msup>(<mi>[^<]+</mi>)(?:<mrow>)?<mi>(&#x0203[234];)</mi>(?:</mrow>)?</msup>")
OPERATOR_NAME = re.compile(r"(<mi>(?:log|ln|exp|sin|cos|tan|max|min|det)</mi>)(?=<m(?!o))")


def _mend(mathml: str) -> str:
    mathml = PRIME.sub(r'\1<mo lspace="0" rspace="0">\2</mo>', mathml)
    return OPERATOR_NAME.sub(r'\1<mspace width="0.167em"></mspace>', mathml)


def latex_to_mathml(tex: str, display: bool) -> str:
    """MathML for one formula;
    the escaped LaTeX source in a <code> if the converter cannot handle it."""
    try:
        from latex2mathml.converter import convert

        tex = ALIGN_ENV.sub(_as_array, tex.strip())
        if "\\\\" in tex and "\\begin" not in tex:  # line breaks outside an environment: one column
            tex = f"\\begin{{array}}{{c}}{tex}\\end{{array}}"
        # a matrix raised to a power (the transpose of [1; a]) as one base, not its bracket alone
        tex = MATRIX_POWER.sub(r"{\1}", tex)
        mathml = _mend(convert(tex, display="block" if display else "inline"))
        if "<mi>&</mi>" in mathml or 'linebreak="newline"' in mathml:
            raise ValueError("an alignment the converter cannot lay out")
        return mathml
    except Exception:  # an unsupported command: show the source rather than fail the whole page
        cls = "nnbp-tex nnbp-tex-block" if display else "nnbp-tex"
        return f"<code class='{cls}'>{html.escape(tex.strip())}</code>"


class MathMLRenderer(IPythonRenderer):
    """nbconvert's markdown renderer (same parsing of $…$ and $$…$$ as Jupyter),
    formulas as MathML."""

    def block_math(self, body: str) -> str:
        return latex_to_mathml(body, display=True)

    def inline_math(self, body: str) -> str:
        return latex_to_mathml(body, display=False)

    def latex_environment(self, name: str, body: str) -> str:
        return latex_to_mathml(f"\\begin{{{name}}}{body}\\end{{{name}}}", display=True)


PAGE_TEMPLATE = (
    r"""
{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block extra_css -%}<style type="text/css">{{ resources.nnbp.css }}</style>"""
    r"""{%- endblock extra_css -%}
{%- block body_header -%}
{{ super() }}
<nav class="nnbp-nav">{{ resources.nnbp.nav }}</nav>
{%- endblock body_header -%}
{%- block body_footer -%}
<nav class="nnbp-nav nnbp-nav-bottom">{{ resources.nnbp.nav }}</nav>
{{ super() }}
{%- endblock body_footer -%}
{#- A claims cell (tag hide-input): its code folded under its #@title line, as JupyterLab """
    r"""folds it. -#}
{% block input_group -%}
{%- if 'hide-input' in cell.metadata.get('tags', []) -%}
{%- set title = (cell.source.splitlines() or [''])[0] | replace('#@title', '') | trim -%}
<details class="nnbp-claims"><summary>{{ (title or 'Checks') | escape_html }}</summary>
{{ super() }}
</details>
{%- else -%}
{{ super() }}
{%- endif -%}
{%- endblock input_group %}
{#- The lab template writes no alt text; the alt text is in the image's metadata (viz.show). -#}
{% block data_png scoped %}
<div class="jp-RenderedImage jp-OutputArea-output {{ extra_class }}">
<img src="data:image/png;base64,{{ output.data['image/png'] | escape_html }}"
alt="{{ ((output | get_metadata('alt', 'image/png')) or '') | escape_html }}">
</div>
{%- endblock data_png %}
"""
)

PAGE_CSS = """
body.jp-Notebook { max-width: 1100px; margin: 0 auto; }
main { padding-bottom: 2em; }
.jp-RenderedHTMLCommon { font-size: 17px; line-height: 1.55; }
.jp-RenderedHTMLCommon table { font-size: 15px; }
math { font-family: "STIX Two Math", "Cambria Math", "Latin Modern Math", \
"DejaVu Math TeX Gyre", math; }
math[display="block"] { margin: 0.8em 0; font-size: 1.12em; overflow-x: auto; overflow-y: hidden; }
code.nnbp-tex-block { display: block; margin: 0.8em 0; }
mtd[columnalign="right"] { text-align: right; }
mtd[columnalign="left"] { text-align: left; }
mtable { margin: 0 auto; }
.nnbp-nav { display: flex; gap: 1.5em; flex-wrap: wrap; font: 15px/1.4 system-ui, sans-serif;
  padding: 0.7em 1em; margin: 0.5em 0 1em; background: #f3f6f9; border-radius: 6px; }
.nnbp-nav a { text-decoration: none; color: #0057a0; }
.nnbp-nav-bottom { margin-top: 2em; }
.nnbp-widget-note { border-left: 6px solid #999; background: #f4f4f4; padding: 0.5em 0.8em; \
font-size: 0.95em; }
.nnbp-widget-box { display: flex; gap: 0.8em; align-items: center; flex-wrap: wrap; \
margin: 0.3em 0; }
.nnbp-widget-label { font: 15px system-ui, sans-serif; margin-right: 0.4em; }
.nnbp-widget progress { width: 16em; height: 1.1em; vertical-align: middle; }
.nnbp-widget-control input { font-size: 14px; }
details { border: 1px solid #d0d7de; border-radius: 6px; padding: 0.4em 0.8em; margin: 0.6em 0; }
details > summary { cursor: pointer; }
details.nnbp-claims { border: none; padding: 0; margin: 0.2em 0; font-size: 0.9em; color: #555; }
.animation { margin: 0.5em 0; }
.anim-buttons button { min-width: 2.4em; font-size: 15px; }
.jp-OutputArea-output img { max-width: 100%; height: auto; }
"""


class SiteExporter(HTMLExporter):
    """The lab template, self-contained:
    no require.js, MathJax, widget or mermaid scripts from a CDN."""

    def __init__(self, **kw):
        super().__init__(template_name="lab", **kw)
        self.extra_loaders = [jinja2.DictLoader({"nnbp_page.html.j2": PAGE_TEMPLATE})]
        self.template_file = "nnbp_page.html.j2"
        self.exclude_anchor_links = True

    @jinja2.pass_context
    def markdown2html(self, context, source):
        cell = context.get("cell", {})
        path = context.get("resources", {}).get("metadata", {}).get("path", "")
        renderer = MathMLRenderer(
            escape=False,
            attachments=cell.get("attachments", {}),
            embed_images=self.embed_images,
            path=path,
            anchor_link_text=self.anchor_link_text,
            exclude_anchor_links=self.exclude_anchor_links,
            **self.lexer_options,
        )
        return MarkdownWithMath(renderer=renderer).render(source)


WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
CONTROLS = (
    "Slider",
    "Dropdown",
    "Checkbox",
    "ToggleButton",
    "RadioButtons",
    "Text",
    "Button",
    "Select",
    "Play",
)


def render_widget(model_id: str, state: dict, depth: int = 0) -> tuple:
    """A static picture of a widget as it was when the notebook finished: (html, has_controls).

    Progress bars, labels and boxes are drawn as they stood (a progress bar at 100 %, its label);
    sliders and other controls as disabled inputs showing their last value; anything else (an Output
    area, a custom widget) is left out, and the caller adds a note that the widget needs a kernel.
    """
    model = state.get(model_id.removeprefix("IPY_MODEL_"), {})
    name, attrs = model.get("model_name", ""), model.get("state", {})
    label = html.escape(str(attrs.get("description", "") or ""))
    if depth > 8 or not name:
        return "", False
    if name in ("HBoxModel", "VBoxModel", "BoxModel", "GridBoxModel"):
        parts = [render_widget(child, state, depth + 1) for child in attrs.get("children", [])]
        direction = "row" if name == "HBoxModel" else "column"
        inner = "".join(p for p, _ in parts if p)
        return (
            f"<div class='nnbp-widget-box' style='flex-direction:{direction}'>{inner}</div>"
            if inner
            else "",
            any(c for _, c in parts),
        )
    if name in ("IntProgressModel", "FloatProgressModel"):
        low, high, value = attrs.get("min", 0), attrs.get("max", 100), attrs.get("value", 0)
        return (
            f"<span class='nnbp-widget-label'>{label}</span><progress max='{high - low}' "
            f"value='{value - low}'></progress>"
        ), False
    if name in ("LabelModel", "HTMLModel", "HTMLMathModel"):
        value = str(attrs.get("value", ""))
        return (
            (
                "<span class='nnbp-widget-label'>"
                f"{html.escape(value) if name == 'LabelModel' else value}</span>"
            ),
            False,
        )
    if any(name.endswith(kind + "Model") for kind in CONTROLS):
        value = attrs.get("value", attrs.get("index", ""))
        if isinstance(value, float):
            value = f"{value:.4g}"
        return (
            f"<span class='nnbp-widget-control'><span class='nnbp-widget-label'>{label}</span> "
            f"<input disabled value='{html.escape(str(value))}' size='6'></span>"
        ), True
    return "", True


def prepare_for_web(nb):
    """Widgets without a kernel: progress bars and labels drawn as they finished; an interactive
    widget replaced by a note that it needs a kernel; then drop the saved widget state (no widget
    manager from a CDN)."""
    widgets = nb.metadata.pop("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if WIDGET_VIEW in data:
                static, interactive = render_widget(data[WIDGET_VIEW].get("model_id", ""), widgets)
                # half a widget (no figure, dead controls) would only confuse
                if interactive or not static:
                    static = WIDGET_NOTE
                out["data"] = {
                    "text/html": f"<div class='nnbp-widget'>{static}</div>",
                    "text/plain": "Interactive widget (needs a kernel)",
                }
            elif "new Animation(" in data.get("text/html", ""):
                html_out = data["text/html"]
                html_out = "".join(html_out) if isinstance(html_out, list) else html_out
                data["text/html"] = fix_animation_player(html_out)
            elif "text/latex" in data and "text/html" not in data:
                tex = data["text/latex"].strip().strip("$")
                data["text/html"] = latex_to_mathml(tex, display=True)
    return nb


def fix_links(page: str, names: set) -> str:
    """Links between notebooks point at their pages, links to the guide at the site's copy, and
    links to other files of the repository (README.md, ...) at the repository on GitHub."""

    def repl(m):
        target, anchor = m.group(2), m.group(3) or ""
        base = target.removeprefix("./")
        if base in names:
            return f'href="{base[: -len(".ipynb")]}.html{anchor}"'
        if base.endswith("docs/instructor-guide.md"):
            return f'href="instructor-guide.html{anchor}"'
        resolved = (NOTEBOOK_DIR / base).resolve()
        if resolved.is_relative_to(ROOT) and resolved.exists():
            return (
                f'href="{repository()}/blob/main/{resolved.relative_to(ROOT).as_posix()}{anchor}"'
            )
        return m.group(0)

    return re.sub(r'(href=")([^"#:]+)(#[^"]*)?"', repl, page)


def fix_animation_player(page: str) -> str:
    """matplotlib's JS animation player without its CDN stylesheet:
    Unicode symbols on the buttons."""
    page = FA_LINK.sub("", page)
    return FA_ICON.sub(
        lambda m: f"<span aria-hidden='true'>{FA_ICONS.get(m.group(1).strip(), '•')}</span>", page
    )


def nav_html(info: NotebookInfo, prev: NotebookInfo | None, nxt: NotebookInfo | None) -> str:
    parts = ["<a href='index.html'>☰ All notebooks</a>"]
    if prev:
        parts.append(f"<a href='{prev.page}'>← {html.escape(prev.title)}</a>")
    if nxt:
        parts.append(f"<a href='{nxt.page}'>{html.escape(nxt.title)} →</a>")
    parts.append(f"<a href='notebooks/{info.path.name}' download>Download the notebook</a>")
    if info.colab:
        parts.append(f"<a href='{html.escape(info.colab)}'>Open in Colab</a>")
    if info.binder:
        parts.append(f"<a href='{html.escape(info.binder)}'>Launch on Binder</a>")
    return " ".join(f"<span>{p}</span>" for p in parts)


def render_page(nb, info: NotebookInfo, prev, nxt, names: set) -> str:
    exporter = SiteExporter()
    resources = {
        "metadata": {"name": info.title, "path": str(info.path.parent)},
        "nnbp": {"css": PAGE_CSS, "nav": nav_html(info, prev, nxt)},
    }
    nb.metadata["title"] = f"{info.title} · nnbp"
    page, _ = exporter.from_notebook_node(prepare_for_web(nb), resources=resources)
    return fix_links(page, names)


# --------------------------------------------------------------------------------------------------
# The index and the guide

INDEX_CSS = """
body { font: 17px/1.55 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1b1b1b; \
margin: 0; background: #fafbfc; }
main { max-width: 980px; margin: 0 auto; padding: 1.5em 1.2em 3em; }
h1 { font-size: 2em; margin: 0.3em 0 0.2em; }
.lead { font-size: 1.1em; color: #333; }
ol.series { list-style: none; padding: 0; counter-reset: none; }
ol.series > li { background: #fff; border: 1px solid #d0d7de; border-left: 6px solid #0072B2; \
border-radius: 6px;
  padding: 0.8em 1.1em; margin: 0.9em 0; }
ol.series h2 { font-size: 1.3em; margin: 0.1em 0 0.2em; }
ol.series h2 a { color: #0057a0; text-decoration: none; }
.purpose { margin: 0.2em 0 0.4em; }
.goals { margin: 0.3em 0 0.5em 1.2em; padding: 0; }
.links { font-size: 0.92em; display: flex; gap: 1.2em; flex-wrap: wrap; }
.links a { color: #0057a0; }
.foot { margin-top: 2em; font-size: 0.95em; color: #444; }
"""


def render_index(infos: list, seconds: float) -> str:
    items = []
    for info in infos:
        goals = "".join(f"<li>{_inline_markdown(g)}</li>" for g in info.goals)
        links = [
            f"<a href='{info.page}'>Read it here</a>",
            f"<a href='notebooks/{info.path.name}' download>Download .ipynb</a>",
        ]
        if info.colab:
            links.append(f"<a href='{html.escape(info.colab)}'>Open in Colab</a>")
        if info.binder:
            links.append(f"<a href='{html.escape(info.binder)}'>Launch on Binder</a>")
        items.append(
            f"<li id='nb{info.number}'><h2><a href='{info.page}'>{html.escape(info.title)}</a></h2>"
            f"<p class='purpose'>{_inline_markdown(info.purpose)}</p>"
            + (f"<div><b>Learning goals</b><ul class='goals'>{goals}</ul></div>" if goals else "")
            + f"<div class='links'>{' '.join(links)}</div></li>"
        )
    guide = (
        "<p>Teaching with the series? The <a href='instructor-guide.html'>instructor guide</a> "
        "covers presenting live, hand-outs without solutions, JupyterHub and grading with the "
        "checkers.</p>"
        if GUIDE.exists()
        else ""
    )
    built = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{html.escape(SERIES_TITLE)}</title>
<style>{INDEX_CSS}</style>
</head>
<body>
<main>
<h1>{html.escape(SERIES_TITLE)}</h1>
<p class="lead">A sequence of notebooks that teaches backpropagation \
the way the lecture deck does: δ as
“blame”, forward propagation, the cost, the δ recursion, gradient checking and training a network.
These pages show each notebook already run, with its figures and animations; to do the exercises,
open a notebook in Colab or on Binder, or download it.</p>
{guide}
<ol class="series">
{"".join(items)}
</ol>
<p class="foot">Built {built} by running every notebook ({len(infos)} notebooks, {seconds:.0f} s of
execution). Formulas are MathML; nothing on these pages is loaded from the network.</p>
</main>
</body>
</html>
"""


def render_guide(path: Path) -> str:
    renderer = MathMLRenderer(escape=False, exclude_anchor_links=True)
    body = MarkdownWithMath(renderer=renderer).render(path.read_text(encoding="utf-8"))
    body = re.sub(r'href="(?:\.\./)?notebooks/([0-9][0-9]_[^"]+)\.ipynb"', r'href="\1.html"', body)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Instructor guide · nnbp</title>
<style>{INDEX_CSS}
pre {{ background: #f3f6f9; padding: 0.8em; overflow-x: auto; \
border-radius: 6px; font-size: 0.9em; }}
code {{ font-size: 0.92em; }}
table {{ border-collapse: collapse; margin: 0.8em 0; }}
th, td {{ border: 1px solid #d0d7de; padding: 0.35em 0.7em; text-align: left; \
vertical-align: top; }}
th {{ background: #f3f6f9; }}
</style>
</head>
<body><main><p><a href="index.html">☰ All notebooks</a></p>
{body}
</main></body>
</html>
"""


# --------------------------------------------------------------------------------------------------


@dataclass
class PageReport:
    """What went into one page: execution time, and the figures and animations its outputs hold."""

    seconds: float
    figures: int
    animations: int


def count_outputs(nb) -> tuple:
    """(PNG figures, matplotlib JS animations) among the notebook's outputs."""
    figures = animations = 0
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            figures += "image/png" in data
            animations += "new Animation(" in data.get("text/html", "")
    return figures, animations


def build(out: Path, notebooks: list | None = None, jobs: int = 1, log=print) -> dict:
    """Execute the notebooks and write the site to ``out``; return {notebook name: PageReport}."""
    paths = [Path(p) for p in (notebooks or find_notebooks())]
    if not paths:
        raise SystemExit("no notebooks found")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "notebooks").mkdir(exist_ok=True)

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        results = list(pool.map(execute, paths))
    reports = {}
    infos = [notebook_info(p) for p in paths]
    names = {p.name for p in paths}
    for i, (path, (nb, seconds), info) in enumerate(zip(paths, results, infos)):
        reports[path.name] = PageReport(seconds, *count_outputs(nb))
        prev = infos[i - 1] if i > 0 else None
        nxt = infos[i + 1] if i + 1 < len(infos) else None
        (out / info.page).write_text(render_page(nb, info, prev, nxt, names), encoding="utf-8")
        shutil.copyfile(path, out / "notebooks" / path.name)
        log(f"  {path.name}: executed in {seconds:.1f} s -> {out / info.page}")
    (out / "index.html").write_text(
        render_index(infos, sum(r.seconds for r in reports.values())), encoding="utf-8"
    )
    if GUIDE.exists():
        (out / "instructor-guide.html").write_text(render_guide(GUIDE), encoding="utf-8")
    return reports


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()))
    parser.add_argument(
        "notebooks", nargs="*", type=Path, help="default: every notebooks/NN_*.ipynb"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "site")
    parser.add_argument(
        "--jobs",
        type=int,
        default=min(2, os.cpu_count() or 1),
        help="notebooks executed at once (default: 2, or 1 on a 1-core machine)",
    )
    args = parser.parse_args(argv)
    start = time.perf_counter()
    reports = build(args.out, args.notebooks or None, args.jobs)
    print(
        f"site: {len(reports)} pages in {args.out}/ ({time.perf_counter() - start:.1f} s); "
        f"open {args.out / 'index.html'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
