"""The series-wide conventions of CONTRIBUTING.md, checked on every notebook (00 to the last,
whatever its number): claims cells, assert messages, code that fits a projector, random numbers made
in the cell that draws them, no timing asserts, check cells that name their target, typeset maths,
the metadata JupyterLab writes, and, by running each notebook with every code cell executed twice in
a row, cells that survive being re-run and figures with alt text and labels readable on a projector.

A notebook that does not meet a convention yet is listed in ``pending.PENDING`` with the reason; its
test is then an expected failure (strict: once the notebook complies, the test fails until its line
is deleted).
"""

from __future__ import annotations

import ast
import base64
import hashlib
import json
import re
import struct
from functools import lru_cache
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from notebook_files import NOTEBOOK_DIR, SOLUTION_CODE, read, tags
from pending import params
from test_site import load_tool

from nnbp_helpers.checks._base import FAIL_MARK, PASS_MARK

ROOT = Path(__file__).resolve().parent.parent
normalize = load_tool("normalize_notebooks")

MAX_LINE = 79  # characters per code line (CONTRIBUTING.md, "Code that fits the screen")
PROJECTOR_CSS_PX = 600  # width of the output area at 1024 × 768 and 150 % zoom, in CSS pixels
PROJECTOR_ZOOM = 1.5  # screen pixels per CSS pixel at 150 %
MIN_TEXT_PX = 14  # no text in a figure below this many screen pixels on that projector
# Figures whose readability another issue owns: a figure drawn in a cell whose source contains the
# key is measured and reported, but its small text fails the test as an expected failure with this
# reason.
OWNED_ELSEWHERE = {
    "draw_blame_step(": "the blame diagrams' text sizes belong to issue 14 (diagram.py)",
}


def code_cells(nb):
    return [(i, c) for i, c in enumerate(nb.cells) if c.cell_type == "code"]


def parse(source: str) -> ast.Module:
    """A code cell as Python (IPython's %magic and !shell lines blanked out)."""
    lines = ["" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines()]
    return ast.parse("\n".join(lines))


def is_setup(nb, i) -> bool:
    return i == code_cells(nb)[0][0]


# --- claims cells ---------------------------------------------------------------------------------


def _asserting_calls(tree):
    """``np.testing.assert_…`` calls (or any call to a function named ``assert_…``)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name.startswith("assert_"):
                yield node


def _has_asserts(tree) -> bool:
    return any(isinstance(n, ast.Assert) for n in ast.walk(tree)) or any(
        True for _ in _asserting_calls(tree)
    )


@pytest.mark.parametrize("path", params("claims"))
def test_asserts_live_in_claims_cells(path):
    """Every assert is in a claims cell, and a claims cell carries all its markers."""
    nb = read(path)
    wrong = []
    for i, cell in code_cells(nb):
        claims = "hide-input" in tags(cell)
        if _has_asserts(parse(cell.source)) and not claims:
            wrong.append(
                f"cell {i} asserts in the reading flow: tag it 'hide-input' (a claims cell) or "
                f"move the asserts into the claims cell after it:\n{cell.source[:200]}"
            )
        if claims:
            if cell.metadata.get("jupyter", {}).get("source_hidden") is not True:
                wrong.append(f"cell {i}: a claims cell needs metadata jupyter.source_hidden = true")
            if cell.metadata.get("cellView") != "form":
                wrong.append(f"cell {i}: a claims cell needs metadata cellView = 'form' (Colab)")
            if not cell.source.startswith("#@title "):
                wrong.append(f"cell {i}: a claims cell starts with a '#@title ...' line")
    assert not wrong, f"{path.name}:\n" + "\n".join(wrong)


@pytest.mark.parametrize("path", params("assert-messages"))
def test_every_assert_names_the_claim_it_protects(path):
    nb = read(path)
    bare = []
    for i, cell in code_cells(nb):
        tree = parse(cell.source)
        for node in ast.walk(tree):
            if isinstance(node, ast.Assert) and node.msg is None:
                bare.append(f"cell {i}: assert {ast.unparse(node.test)[:90]}")
        for call in _asserting_calls(tree):
            if not any(k.arg == "err_msg" for k in call.keywords):
                bare.append(f"cell {i}: {ast.unparse(call)[:90]} (give it err_msg=...)")
    assert not bare, (
        f"{path.name}: asserts without a message saying which claim they protect:\n"
        + "\n".join(bare)
    )


# --- code that fits the screen --------------------------------------------------------------------


@pytest.mark.parametrize("path", params("line-length"))
def test_code_lines_fit_a_projector(path):
    """Code cells and the code of hidden solutions (which learners paste into a cell)."""
    nb = read(path)
    long = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            sources = [cell.source]
        elif "solution" in tags(cell):
            sources = SOLUTION_CODE.findall(cell.source)
        else:
            continue
        for source in sources:
            long += [
                f"cell {i} ({len(line)} characters): {line}"
                for line in source.splitlines()
                if len(line) > MAX_LINE
            ]
    assert not long, f"{path.name}: code lines longer than {MAX_LINE} characters:\n" + "\n".join(
        long
    )


# --- re-runnable: random numbers ------------------------------------------------------------------


class _RngUse(ast.NodeVisitor):
    """Loads of the name ``rng`` that no assignment earlier in the same cell made,
    and global np.random."""

    def __init__(self):
        self.made = False
        self.shadowed = []  # function scopes with a parameter called rng
        self.problems = []

    def visit_FunctionDef(self, node):
        names = {a.arg for a in node.args.args + node.args.kwonlyargs + node.args.posonlyargs}
        self.shadowed.append("rng" in names)
        self.generic_visit(node)
        self.shadowed.pop()

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Lambda(self, node):
        names = {a.arg for a in node.args.args + node.args.kwonlyargs}
        self.shadowed.append("rng" in names)
        self.generic_visit(node)
        self.shadowed.pop()

    def visit_Assign(self, node):
        self.visit(node.value)
        if any(isinstance(t, ast.Name) and t.id == "rng" for t in node.targets):
            text = ast.unparse(node.value)
            if "default_rng(" not in text:
                self.problems.append(f"rng = {text}: make it with np.random.default_rng(<seed>)")
            self.made = True
        for target in node.targets:
            self.visit(target)

    def visit_Name(self, node):
        if (
            node.id == "rng"
            and isinstance(node.ctx, ast.Load)
            and not any(self.shadowed)
            and not self.made
        ):
            self.problems.append(f"line {node.lineno}: draws from an rng this cell did not make")

    def visit_Attribute(self, node):
        text = ast.unparse(node)
        if re.match(r"(np|numpy)\.random\.(?!default_rng$|Generator$)\w+$", text):
            self.problems.append(f"line {node.lineno}: {text} uses numpy's global random state")
        self.generic_visit(node)


@pytest.mark.parametrize("path", params("rng"))
def test_cells_that_draw_random_numbers_make_their_own_generator(path):
    nb = read(path)
    found = []
    for i, cell in code_cells(nb):
        if is_setup(nb, i):
            continue
        visitor = _RngUse()
        visitor.visit(parse(cell.source))
        found += [f"cell {i}: {p}" for p in visitor.problems]
    assert not found, (
        f"{path.name}: a cell that draws random numbers makes its generator itself, "
        "rng = np.random.default_rng(<seed>), "
        "so re-running an earlier cell changes nothing later:\n" + "\n".join(found)
    )


# --- no timing asserts ----------------------------------------------------------------------------

CLOCKS = re.compile(
    r"(time\.)?(perf_counter|monotonic|process_time|thread_time)(_ns)?|time\.time(_ns)?|"
    r"timeit\.\w+|default_timer"
)


def _reads_clock(node) -> bool:
    return any(
        isinstance(n, (ast.Name, ast.Attribute)) and CLOCKS.fullmatch(ast.unparse(n))
        for n in ast.walk(node)
    )


def _names(node) -> set:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def timing_asserts(trees) -> list[str]:
    """Asserts whose value depends on a clock, in a list of module ASTs read in order (notebook
    cells or one test function). Read statement by statement, as Python runs them: a name is 'timed'
    from the moment it is assigned from a clock reading, from another timed name, or from a function
    whose body reads a clock; a list that gets a timed value appended becomes timed; assigning an
    untimed value makes the name untimed again."""
    found = []

    def tainted(node, timed) -> bool:
        return _reads_clock(node) or bool(_names(node) & timed)

    def report(node, k, timed):
        for sub in ast.walk(node):
            if isinstance(sub, ast.Assert) and tainted(sub.test, timed):
                found.append(f"[{k}] line {sub.lineno}: assert {ast.unparse(sub.test)[:100]}")
            elif (
                isinstance(sub, ast.Call)
                and ast.unparse(sub.func).split(".")[-1].startswith("assert_")
                and tainted(sub, timed)
            ):
                found.append(f"[{k}] line {sub.lineno}: {ast.unparse(sub)[:100]}")

    def run(statements, k, timed):
        for node in statements:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                inner = set(timed)
                run(node.body, k, inner)
                if tainted(node, timed) or inner - timed:
                    timed.add(node.name)
                else:
                    timed.discard(node.name)
                continue
            if isinstance(node, (ast.Assert, ast.Expr)):
                report(node, k, timed)
            if (
                isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign))
                and node.value is not None
            ):
                report(node.value, k, timed)
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                names = set().union(*(_names(t) for t in targets))
                if tainted(node.value, timed) or (
                    isinstance(node, ast.AugAssign) and names & timed
                ):
                    timed |= names
                elif all(isinstance(t, ast.Name) for t in targets):
                    timed -= names
            for call in (n for n in ast.walk(node) if isinstance(n, ast.Call)):
                if (
                    isinstance(call.func, ast.Attribute)
                    and call.func.attr in ("append", "extend", "insert", "update", "add")
                    and any(tainted(a, timed) for a in call.args)
                ):
                    timed |= _names(call.func.value)
            if isinstance(node, (ast.For, ast.AsyncFor)) and tainted(node.iter, timed):
                timed |= _names(node.target)
            blocks = [getattr(node, field, None) for field in ("body", "orelse", "finalbody")]
            blocks += [handler.body for handler in getattr(node, "handlers", [])]
            for block in blocks:
                if isinstance(block, list) and block and isinstance(block[0], ast.stmt):
                    for _ in range(2):  # twice: a loop feeds its next round
                        run(block, k, timed)

    timed: set = set()
    for k, tree in enumerate(trees):
        run(tree.body, k, timed)
    return sorted(set(found), key=found.index)


def test_the_timing_assert_finder_finds_them():
    cells = [
        (
            "import time\n"
            "def best(f):\n"
            "    t = time.perf_counter()\n"
            "    f()\n"
            "    return time.perf_counter() - t"
        ),
        "ts = []\nfor n in (1, 2):\n    ts.append(best(lambda: n))\nratio = ts[1] / ts[0]",
        "P = 3\nassert P == 3, 'counted work is fine'",
        "assert ratio < 5, 'a timing'",
    ]
    found = timing_asserts([ast.parse(c) for c in cells])
    assert len(found) == 1 and found[0].startswith("[3]"), found


@pytest.mark.parametrize("path", params("timing"))
def test_no_notebook_asserts_a_timing(path):
    nb = read(path)
    cells = code_cells(nb)
    found = timing_asserts([parse(c.source) for _, c in cells])
    found = [re.sub(r"^\[(\d+)\]", lambda m: f"cell {cells[int(m.group(1))][0]}", f) for f in found]
    assert not found, (
        f"{path.name}: timings are printed and plotted, never asserted:\n" + "\n".join(found)
    )


def test_no_test_asserts_a_timing():
    """Each test function on its own
    (the notebooks' cells share one namespace, test functions do not)."""
    found = []
    for path in sorted((ROOT / "tests").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            found += [
                f"{path.name}: {f[4:]}"
                for f in timing_asserts([ast.Module(body=[node], type_ignores=[])])
            ]
    assert not found, (
        "timings are printed, never asserted (benchmarks/ prints ratios):\n" + "\n".join(found)
    )


# --- check cells, maths, metadata -----------------------------------------------------------------


@pytest.mark.parametrize("path", params("check-names"))
def test_check_cells_name_what_they_check(path):
    """``checks.check_forward("forward")``: a string names the learner's function or answer."""
    nb = read(path)
    wrong = []
    for i, cell in enumerate(nb.cells):
        if "check" not in tags(cell):
            continue
        call = parse(cell.source).body[-1]
        call = getattr(call, "value", None)
        ok = (
            isinstance(call, ast.Call)
            and ast.unparse(call.func).startswith("checks.check_")
            and call.args
            and all(
                isinstance(a, ast.Constant) and isinstance(a.value, str) and a.value.isidentifier()
                for a in call.args
            )
        )
        if not ok:
            wrong.append(f"cell {i}: {cell.source.strip()[:100]}")
    assert not wrong, (
        f'{path.name}: a check cell ends with checks.check_…("name", ...), names as strings:\n'
        + "\n".join(wrong)
    )


PLAIN_MATHS = [
    (re.compile(r"\w\^[({]"), "a superscript written as ^( or ^{"),
    (re.compile(r"(?<![\w\\])[A-Za-zΑ-Ωα-ω]_[A-Za-z0-9Α-Ωα-ω{(]"), "a subscript written as x_i"),
    (re.compile(r"[\u00b9\u00b2\u00b3\u2070-\u209f]"), "Unicode super- or subscript digits"),
    (re.compile(r"(?<![\w$])g['′](?=\(| )"), "g' outside $…$"),
]


def prose(markdown: str) -> str:
    """Markdown without what is not prose maths: code blocks and spans, $…$ and $$…$$, link targets,
    HTML tags."""
    text = re.sub(r"```.*?```", " ", markdown, flags=re.S)
    text = re.sub(r"\$\$.*?\$\$", " ", text, flags=re.S)
    text = re.sub(r"\\begin\{(\w+\*?)\}.*?\\end\{\1\}", " ", text, flags=re.S)
    text = re.sub(r"(?<!\\)\$.+?(?<!\\)\$", " ", text)
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    return re.sub(r"<[^>]+>", " ", text)


@pytest.mark.parametrize("path", params("inline-maths"))
def test_maths_in_prose_is_typeset(path):
    nb = read(path)
    found = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown":
            continue
        for line in prose(cell.source).splitlines():
            for pattern, what in PLAIN_MATHS:
                m = pattern.search(line)
                if m:
                    found.append(
                        f"cell {i}: {what}: …{line[max(0, m.start() - 30) : m.end() + 30]}…"
                    )
                    break
    assert not found, (
        f"{path.name}: write maths as $…$ (plain forms only inside backticks):\n"
        + "\n".join(found[:40])
    )


@pytest.mark.parametrize("path", params("metadata"))
def test_metadata_is_what_jupyterlab_writes(path):
    """So that opening the notebook in JupyterLab does not mark it modified."""
    meta = read(path).metadata
    assert meta.get("kernelspec") == normalize.KERNELSPEC, (
        f"{path.name}: kernelspec {meta.get('kernelspec')} (run tools/normalize_notebooks.py)"
    )
    assert meta.get("language_info") == normalize.LANGUAGE_INFO, (
        f"{path.name}: language_info {meta.get('language_info')} (run tools/normalize_notebooks.py)"
    )


# --- running every cell twice ---------------------------------------------------------------------

# Prepended to the notebook under test: records, for every PNG matplotlib writes, the size in pixels
# of every text it drew (the renderer's own draw_text), keyed by the PNG's SHA-1.
PROBE = (
    r"""
import functools as _nnbp_functools, hashlib as _nnbp_hashlib, io as _nnbp_io, json as _nnbp_json
import matplotlib.backends.backend_agg as _nnbp_agg
_nnbp_drawn, _nnbp_pngs = [], {}
_nnbp_draw_text = _nnbp_agg.RendererAgg.draw_text
def _nnbp_record_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
    if str(s).strip():
        _nnbp_drawn.append([float(self.points_to_pixels(prop.get_size_in_points())), str(s)[:60]])
    return _nnbp_draw_text(self, gc, x, y, s, prop, angle, ismath, mtext)
_nnbp_agg.RendererAgg.draw_text = _nnbp_record_text
_nnbp_print_png = _nnbp_agg.FigureCanvasAgg.print_png
@_nnbp_functools.wraps(_nnbp_print_png)   # savefig passes only the keywords print_png's """
    r"""signature takes
def _nnbp_record_png(self, filename_or_obj, *args, **kwargs):
    _nnbp_drawn.clear()
    result = _nnbp_print_png(self, filename_or_obj, *args, **kwargs)
    if isinstance(filename_or_obj, _nnbp_io.BytesIO):
        key = _nnbp_hashlib.sha1(filename_or_obj.getvalue()).hexdigest()
        _nnbp_pngs[key] = sorted(_nnbp_drawn)[:3]
    return result
_nnbp_agg.FigureCanvasAgg.print_png = _nnbp_record_png
"""
)
REPORT = "print('NNBP-FIGURES ' + _nnbp_json.dumps(_nnbp_pngs))"


class Run:
    """One notebook executed with every code cell run twice in a row
    (errors recorded, not raised)."""

    def __init__(self, path):
        nb = read(path)
        doubled = nbformat.v4.new_notebook(metadata=nb.metadata)
        doubled.cells.append(nbformat.v4.new_code_cell(PROBE))
        self.origin = [None]  # cell of the doubled notebook → cell of the original
        for i, cell in enumerate(nb.cells):
            copies = 2 if cell.cell_type == "code" else 1
            for _ in range(copies):
                doubled.cells.append(nbformat.from_dict(json.loads(json.dumps(cell))))
                self.origin.append(i)
        doubled.cells.append(nbformat.v4.new_code_cell(REPORT))
        self.origin.append(None)
        NotebookClient(
            doubled,
            timeout=600,
            kernel_name="python3",
            allow_errors=True,
            resources={"metadata": {"path": str(NOTEBOOK_DIR)}},
        ).execute()
        self.nb, self.source = doubled, nb
        report = "".join(
            o.get("text", "") for o in doubled.cells[-1].outputs if o.get("output_type") == "stream"
        )
        found = re.search(r"NNBP-FIGURES (.*)", report)
        self.texts = json.loads(found.group(1)) if found else {}

    def errors(self):
        out = []
        for k, cell in enumerate(self.nb.cells):
            for o in cell.get("outputs", []):
                if o.get("output_type") == "error":
                    run = "second" if k > 1 and self.origin[k - 1] == self.origin[k] else "first"
                    out.append(
                        f"cell {self.origin[k]} ({run} run): {o.get('ename')}: {o.get('evalue')}"
                    )
        return out

    def outputs(self):
        """(original cell index, output) for every output of the first run of each cell."""
        for k, cell in enumerate(self.nb.cells):
            if self.origin[k] is None or (k > 1 and self.origin[k - 1] == self.origin[k]):
                continue
            for o in cell.get("outputs", []):
                yield self.origin[k], o


@lru_cache(maxsize=None)
def run_twice(path) -> Run:
    return Run(path)


@pytest.mark.parametrize("path", params("double-run"))
def test_every_code_cell_runs_twice_in_a_row(path):
    errors = run_twice(path).errors()
    assert not errors, f"{path.name}: with every code cell run twice in a row:\n" + "\n".join(
        errors
    )


@pytest.mark.parametrize("path", params("figures-alt"))
def test_every_figure_has_alt_text(path):
    run = run_twice(path)
    missing = []
    for i, o in run.outputs():
        data = o.get("data", {})
        if "image/png" in data:
            alt = o.get("metadata", {}).get("image/png", {}).get("alt", "")
            html = data.get("text/html", "")
            if not alt.strip() or not re.search(r"<img[^>]*\balt=\"[^\"]+\"", html):
                missing.append(
                    f"cell {i}: a figure without alt text (show it with viz.show(fig, alt=...))"
                )
        elif "<img" in data.get("text/html", "") and not re.search(
            r"<img[^>]*\balt=\"[^\"]+\"", data["text/html"]
        ):
            missing.append(f"cell {i}: an HTML image (an animation?) without alt text")
    assert not missing, f"{path.name}:\n" + "\n".join(missing)


@pytest.mark.parametrize("path", params("output-width"))
def test_printed_lines_fit_a_projector(path):
    """Printed text (streams, plain-text results) in lines of at most 79 characters: JupyterLab
    wraps a longer line anywhere, through the middle of a number."""
    long = []
    for i, o in run_twice(path).outputs():
        if o.get("output_type") == "stream":
            text = o.get("text", "")
        elif set(o.get("data", {})) == {"text/plain"}:
            text = o["data"]["text/plain"]
        else:
            continue
        long += [
            f"cell {i} ({len(line)}): {line}" for line in text.splitlines() if len(line) > MAX_LINE
        ]
    assert not long, f"{path.name}: printed lines longer than {MAX_LINE} characters:\n" + "\n".join(
        long
    )


def _png_width(png: bytes) -> int:
    return struct.unpack(">I", png[16:20])[0]


@pytest.mark.parametrize("path", params("figure-text"))
def test_figure_text_is_readable_on_a_projector(path):
    """At 1024 × 768 and 150 % zoom a figure wider than the output area is scaled down to fit it."""
    run = run_twice(path)
    small, owned = [], []
    for i, o in run.outputs():
        png64 = o.get("data", {}).get("image/png")
        if not png64:
            continue
        png = base64.b64decode(png64)
        texts = run.texts.get(hashlib.sha1(png).hexdigest())
        assert texts is not None, f"{path.name} cell {i}: a PNG that matplotlib did not draw?"
        if not texts:
            continue
        width = _png_width(png)
        shown = o.get("metadata", {}).get("image/png", {}).get("width") or width
        scale = min(shown, PROJECTOR_CSS_PX) / width * PROJECTOR_ZOOM
        px, text = texts[0]
        if px * scale < MIN_TEXT_PX:
            line = (
                f"cell {i}: '{text}' is {px * scale:.1f} screen px (figure {width} px wide, "
                f"drawn at {px:.0f} px, shown at {scale / PROJECTOR_ZOOM:.0%})"
            )
            source = run.source.cells[i].source
            reason = next((r for key, r in OWNED_ELSEWHERE.items() if key in source), None)
            (owned if reason else small).append(line + (f" [{reason}]" if reason else ""))
    assert not small, (
        f"{path.name}: text under {MIN_TEXT_PX} px on a 1024-wide projector at 150 %:\n"
        + "\n".join(small + owned)
    )
    if owned:
        pytest.xfail("\n".join(owned))


# --- a check before its exercise ------------------------------------------------------------------


@pytest.mark.parametrize("path", params("check-first"))
def test_a_check_run_before_its_exercise_gives_feedback(path):
    """Only the setup cell and the check cells,
    in a fresh kernel: every check says NOT YET, none raises."""
    nb = read(path)
    setup = code_cells(nb)[0][1]
    nb.cells = [setup] + [c for c in nb.cells if "check" in tags(c)]
    NotebookClient(
        nb,
        timeout=300,
        kernel_name="python3",
        allow_errors=True,
        resources={"metadata": {"path": str(NOTEBOOK_DIR)}},
    ).execute()
    wrong = []
    for cell in nb.cells[1:]:
        text = "".join(
            o.get("text", "") or o.get("data", {}).get("text/plain", "") for o in cell.outputs
        )
        errors = [f"{o.ename}: {o.evalue}" for o in cell.outputs if o.output_type == "error"]
        if errors or FAIL_MARK not in text or PASS_MARK in text:
            wrong.append(f"{cell.source.strip()[:60]} → {errors or text[:120]}")
    assert not wrong, (
        f"{path.name}: a check run before its exercise cell must say NOT YET:\n" + "\n".join(wrong)
    )


# --- the alt-text mechanism itself ----------------------------------------------------------------


def test_show_puts_the_alt_text_where_each_front_end_reads_it():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from nnbp_helpers import viz

    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 1])
    data, metadata = viz.plotting.figure_bundle(fig, 'A line from (0, 0) to (1, 1), "rising"')
    plt.close(fig)
    assert metadata == {"image/png": {"alt": 'A line from (0, 0) to (1, 1), "rising"'}}
    assert (
        data["text/html"] == f'<img src="data:image/png;base64,{data["image/png"]}" '
        'alt="A line from (0, 0) to (1, 1), &quot;rising&quot;">'
    )
    assert base64.b64decode(data["image/png"]).startswith(b"\x89PNG")
    animation, _ = viz.plotting.figure_bundle('<div><img id="frame"></div>', "Eight frames of δ")
    assert animation["text/html"] == '<div><img alt="Eight frames of δ" id="frame"></div>'
    # an animation that comes with alt text of its own
    # (offline_jshtml's) gets the one given here instead
    animation, _ = viz.plotting.figure_bundle(
        '<img id="f" src="data:," alt="frame 0 only">', "Eight frames"
    )
    assert animation["text/html"] == '<img alt="Eight frames" id="f" src="data:,">'
    for bad, error in [("", ValueError), ("   ", ValueError), (None, TypeError)]:
        with pytest.raises(error, match="alt"):
            viz.plotting.figure_bundle(fig, bad)
    with pytest.raises(TypeError, match="fig"):
        viz.plotting.figure_bundle([1, 2], "a list is not a figure")
