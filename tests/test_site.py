"""The static site (`make html`): every notebook executed into a page with its figures, notebook
01's δ-split animation and notebook 06's recorded training run playing from their own JavaScript,
formulas as MathML, an index with the sequence and learning goals, and nothing loaded from the
network. The browser test opens the pages in headless Chromium and saves screenshots to
test-artifacts/site/."""

import importlib.util
import re
import sys
from pathlib import Path
from urllib.parse import unquote, urlparse
from xml.etree import ElementTree

import nbformat
import pytest
from browser_tools import CHROMIUM_ARGS, chromium_or_skip
from conftest import IN_CI
from pending import params

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))
# The δ-split animation (01) and the playground's recorded run (06), with the start of the alt text
# the notebook gives its frame image.
ANIMATED = {
    "01_delta_blame_intuition.ipynb": "An animation in 8 frames of the backward pass",
    "06_training_a_network.ipynb": "A recorded run of the training playground",
}
ARTIFACTS = ROOT / "test-artifacts" / "site"


def load_tool(name):
    spec = importlib.util.spec_from_file_location(
        f"nnbp_tools_{name}", ROOT / "tools" / f"{name}.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


build_site = load_tool("build_site")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The site, built once for this module (every notebook executed, two at a time)."""
    out = tmp_path_factory.mktemp("site")
    reports = build_site.build(out, jobs=2, log=lambda *a: None)
    return out, reports


def page(site_dir, path):
    return (site_dir / f"{path.stem}.html").read_text(encoding="utf-8")


def test_every_notebook_has_a_page_and_a_download(site):
    out, reports = site
    assert sorted(reports) == [p.name for p in NOTEBOOKS]
    for path in NOTEBOOKS:
        assert (out / f"{path.stem}.html").is_file()
        assert (out / "notebooks" / path.name).read_bytes() == path.read_bytes()


def test_index_shows_the_sequence_and_each_learning_goal(site):
    out, _ = site
    index = (out / "index.html").read_text(encoding="utf-8")
    positions = []
    for path in NOTEBOOKS:
        info = build_site.notebook_info(path)
        assert f"href='{path.stem}.html'" in index
        assert info.goals, f"{path.name}: no bullets under '## Learning goals'"
        for goal in info.goals:
            assert build_site._inline_markdown(goal) in index, (
                f"{path.name}: goal missing from the index: {goal}"
            )
        positions.append(index.index(f"href='{path.stem}.html'"))
    assert positions == sorted(positions), "the index lists the notebooks in reading order"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_each_page_holds_its_figures_and_nothing_from_the_network(site, path):
    out, reports = site
    html = page(out, path)
    report = reports[path.name]
    embedded = len(re.findall(r'<img[^>]+src="data:image/png;base64,', html))
    assert embedded >= report.figures, (
        f"{path.name}: {report.figures} figures executed, {embedded} on the page"
    )
    if not path.name.startswith("00_"):
        assert report.figures + report.animations >= 1, (
            f"{path.name}: a lesson without a single figure"
        )
    # Self-contained: no script, stylesheet, image or frame from elsewhere
    # (links to click are fine).
    assert not re.search(r'<(script|img|iframe|link)\b[^>]*\b(src|href)="(https?:)?//', html), (
        f"{path.name}: the page loads something from the network"
    )
    assert "MathJax.Hub" not in html and not re.search(r"<script[^>]*(mathjax|require)", html, re.I)
    # Formulas are MathML; none was left as LaTeX source.
    assert "class='nnbp-tex" not in html, f"{path.name}: a formula could not be converted to MathML"
    assert not re.search(r"(?<![\w\\])\$\$", html), f"{path.name}: unconverted $$…$$ on the page"
    # well-formed, nothing the browser cannot lay out
    for block in re.findall(r"<math\b.*?</math>", html, re.S):
        ElementTree.fromstring(block)
        assert "<mi>&amp;</mi>" not in block and 'linebreak="newline"' not in block, block[:300]
    # Links between notebooks lead to pages; links to .ipynb files stay only for downloads.
    assert not re.search(r'href="(?!https?:|notebooks/)[^"]*\.ipynb"', html), (
        f"{path.name}: a link to a notebook file"
    )


@pytest.mark.parametrize("path", params("figures-alt"))
def test_every_image_on_a_page_has_alt_text(site, path):
    """Figures (and an animation's frame) carry the notebook's alt text (viz.show)."""
    out, _ = site
    images = re.findall(r"<img\b[^>]*>", page(out, path))
    missing = [tag[:120] for tag in images if not re.search(r'\balt="[^"]+"', tag)]
    assert not missing, (
        f"{path.name}: {len(missing)} of {len(images)} images without alt text: {missing[:3]}"
    )


def test_claims_cells_are_folded_under_their_title(site):
    out, _ = site
    for path in NOTEBOOKS:
        claims = [
            c
            for c in nbformat.read(path, as_version=4).cells
            if "hide-input" in c.metadata.get("tags", [])
        ]
        folded = page(out, path).count('<details class="nnbp-claims">')
        assert folded == len(claims), (
            f"{path.name}: {len(claims)} claims cells, {folded} folded on the page"
        )


@pytest.mark.parametrize("name", list(ANIMATED))
def test_animated_pages_hold_their_animation(site, name):
    out, reports = site
    path = NOTEBOOK_DIR / name
    if not path.exists():
        pytest.fail(f"{name} is missing") if IN_CI else pytest.skip(f"{name} not written yet")
    html = page(out, path)
    assert reports[name].animations >= 1
    # matplotlib's to_jshtml player, with every frame embedded and no Font Awesome from a CDN.
    assert '<div class="animation">' in html and "new Animation(frames" in html
    frames = re.findall(r'frames\[\d+\] = "data:image/png;base64,', html)
    assert len(frames) >= 2, "the animation has its frames embedded"
    assert "font-awesome" not in html and 'class="fa ' not in html
    if ANIMATED[name] is not None:
        # its frame image carries the notebook's alt text and shows frame 0 before any script runs
        frame_img = re.search(r'<img\b[^>]*id="_anim_img[^"]*"[^>]*>', html).group(0)
        assert re.search(rf'alt="{ANIMATED[name]}[^"]+"', frame_img), frame_img[:200]
        assert 'src="data:image/png;base64,' in frame_img, "frame 0 is in the page itself"


def test_notebook_06_page_has_the_kernel_free_twins(site):
    """The playground and the descent explorer need a kernel: on the page each is a note, and next
    to it the recorded run and the descent figure, each with its alt text."""
    out, _ = site
    html = page(out, NOTEBOOK_DIR / "06_training_a_network.ipynb")
    assert html.count("Interactive widget: it needs a running kernel") == 2, (
        "the explorer and the playground"
    )
    images = re.findall(r"<img\b[^>]*>", html)
    assert any(re.search(r'alt="Contour lines of one sigmoid unit', tag) for tag in images), (
        "the descent figure"
    )
    assert any(re.search(r'alt="A recorded run of the training playground', tag) for tag in images)


@pytest.mark.parametrize(
    "name, alt",
    [
        ("04_backpropagation.ipynb", "Two bar charts for the [2, 5, 5, 5, 5, 1] network"),
        (
            "05_gradient_checking.ipynb",
            "Log-log plot of the relative difference between DVec and gradApprox",
        ),
    ],
)
def test_explorer_pages_have_their_kernel_free_twin(site, name, alt):
    """04's saturation explorer and 05's ε explorer need a kernel: on the page each is a note, and
    after it the explorer's figure, with its alt text."""
    out, _ = site
    html = page(out, NOTEBOOK_DIR / name)
    assert html.count("Interactive widget: it needs a running kernel") == 1, name
    images = re.findall(r"<img\b[^>]*>", html)
    assert any(re.search(rf'alt="{re.escape(alt)}', tag) for tag in images), name


def test_internal_links_resolve(site):
    out, _ = site
    for html_file in out.glob("*.html"):
        text = html_file.read_text(encoding="utf-8")
        for href in re.findall(r'href=["\']([^"\'#]+)(?:#[^"\']*)?["\']', text):
            if urlparse(href).scheme or href.startswith(("mailto:", "//")):
                continue
            assert (out / unquote(href)).exists(), f"{html_file.name}: broken link {href}"


# --- in the browser -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    chromium = chromium_or_skip("the static site's browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield b
        b.close()


def open_page(browser, url):
    pg = browser.new_page(viewport={"width": 1280, "height": 900})
    requests, errors = [], []
    pg.on(
        "request",
        lambda r: requests.append(r.url) if not r.url.startswith(("file:", "data:")) else None,
    )
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.goto(url)
    pg.wait_for_load_state("load")
    return pg, requests, errors


@pytest.mark.browser
def test_the_site_in_a_browser(site, browser):
    out, reports = site
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pg, requests, errors = open_page(browser, (out / "index.html").as_uri())
    assert pg.locator("ol.series > li").count() == len(NOTEBOOKS)
    pg.screenshot(path=str(ARTIFACTS / "index.png"), full_page=True)
    pg.close()
    assert not requests and not errors, (requests, errors)

    for path in NOTEBOOKS:
        pg, requests, errors = open_page(browser, (out / f"{path.stem}.html").as_uri())
        pg.screenshot(path=str(ARTIFACTS / f"{path.stem}.png"))
        # Every figure decoded and drawn.
        sizes = pg.eval_on_selector_all(
            ".jp-OutputArea-output img", "els => els.map(e => e.naturalWidth)"
        )
        assert len(sizes) >= reports[path.name].figures and all(w > 0 for w in sizes), (
            path.name,
            sizes,
        )
        # Every formula is laid out by the browser's
        # MathML engine (not left as a flat line of text).
        heights = pg.eval_on_selector_all(
            "math[display=block]", "els => els.map(e => e.getBoundingClientRect().height)"
        )
        assert all(h > 15 for h in heights), (path.name, heights)
        if path.name in ANIMATED:
            anim = pg.locator(".animation").first
            anim.scroll_into_view_if_needed()
            img = anim.locator("img")
            pg.wait_for_function(
                "el => el.src.startsWith('data:image/png')", arg=img.element_handle()
            )
            first = img.get_attribute("src")
            anim.locator("button[title='Next frame']").click()
            assert img.get_attribute("src") != first, "the animation did not move to its next frame"
            label = anim.locator("button[title='Play']").inner_text().strip()
            assert label, "the Play button has no visible symbol"
            pg.screenshot(path=str(ARTIFACTS / f"{path.stem}-animation.png"))
        pg.close()
        assert not requests, f"{path.name} asked the network for {requests}"
        assert not errors, f"{path.name}: JavaScript errors {errors}"


def test_make_has_html_and_student_targets():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^html:.*\n\t.*tools/build_site\.py", makefile, re.M)
    assert re.search(r"^student:.*\n\t.*tools/make_student\.py", makefile, re.M)
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").split()
    assert "/site/" in ignored and "/student/" in ignored


def test_learning_goals_keep_their_wrapped_lines():
    source = (
        "## Learning goals\n\n- Compute δ by hand,\n  then check it.\n- Explain ε.\n\nMore text.\n"
    )
    nb = {
        "cells": [
            {
                "cell_type": "markdown",
                "source": "# 09 · T\n\nA purpose line\nwrapped here.\n\n**Previous:** x",
            },
            {"cell_type": "markdown", "source": source},
        ]
    }
    import nbformat

    info = build_site.notebook_info(Path("09_t.ipynb"), nbformat.from_dict(nb))
    assert info.purpose == "A purpose line wrapped here."
    assert info.goals == ["Compute δ by hand, then check it.", "Explain ε."]


def test_widgets_without_a_kernel():
    def model(name, **state):
        return {"model_name": name, "model_module": "@jupyter-widgets/controls", "state": state}

    state = {
        "bar": model("IntProgressModel", min=0, max=50, value=50, description="training"),
        "label": model("LabelModel", value="epoch 50 of 50: J = <0.1>"),
        "box": model("HBoxModel", children=["IPY_MODEL_bar", "IPY_MODEL_label"]),
        "slider": model("FloatSliderModel", value=0.123456, description="Θ_11"),
        "out": {
            "model_name": "OutputModel",
            "model_module": "@jupyter-widgets/output",
            "state": {},
        },
        "explorer": model("VBoxModel", children=["IPY_MODEL_slider", "IPY_MODEL_out"]),
    }
    progress, interactive = build_site.render_widget("box", state)
    assert (
        not interactive
        and "<progress max='50' value='50'>" in progress
        and "J = &lt;0.1&gt;" in progress
    )
    controls, interactive = build_site.render_widget("explorer", state)
    assert interactive and "disabled value='0.1235'" in controls
    import nbformat

    nb = nbformat.v4.new_notebook(metadata={"widgets": {build_site.WIDGET_STATE: {"state": state}}})
    cell = nbformat.v4.new_code_cell("w")
    cell.outputs = [
        nbformat.v4.new_output("display_data", data={build_site.WIDGET_VIEW: {"model_id": m}})
        for m in ("box", "explorer")
    ]
    nb.cells = [cell]
    nb = build_site.prepare_for_web(nb)
    shown = [o["data"]["text/html"] for o in nb.cells[0].outputs]
    assert "widgets" not in nb.metadata
    assert build_site.WIDGET_NOTE not in shown[0] and "<progress" in shown[0]
    assert build_site.WIDGET_NOTE in shown[1] and "<input" not in shown[1]


def test_aligned_formulas_become_tables():
    tex = (
        "\\begin{aligned} \\delta^{(4)} &= a^{(4)} - y \\\\ "
        "&\\text{(no } \\delta^{(1)}) \\end{aligned}"
    )
    mathml = build_site.latex_to_mathml(tex, display=True)
    assert "<mtable>" in mathml and mathml.count("<mtr>") == 2 and 'columnalign="right"' in mathml
    assert "<mtable>" in build_site.latex_to_mathml("x = 1 \\\\ y = 2", display=True)


def test_mathml_mends_the_converters_slips():
    """latex2mathml runs an operator name into what follows ("logh"), raises a prime twice, and
    gives a matrix's closing bracket alone the transpose's superscript ("]T" on the baseline)."""
    log = build_site.latex_to_mathml(r"\log h", display=False)
    assert '<mi>log</mi><mspace width="0.167em"></mspace><mi>h</mi>' in log
    prime = build_site.latex_to_mathml(r"g'(z)", display=False)
    assert "<msup>" not in prime and '<mi>g</mi><mo lspace="0" rspace="0">&#x02032;</mo>' in prime
    matrix = build_site.latex_to_mathml(
        r"\begin{bmatrix} 1 \\ a \end{bmatrix}^{\top}", display=True
    )
    base = ElementTree.fromstring(matrix).find(".//{http://www.w3.org/1998/Math/MathML}msup")
    assert len(base) == 2 and base[0].tag.endswith("mrow"), (
        "msup takes the whole matrix as its base"
    )


def test_formulas_on_the_pages_have_none_of_those_slips(site):
    out, _ = site
    for path in NOTEBOOKS:
        html = page(out, path)
        assert not re.search(r"<mi>(log|exp)</mi><m[in]", html), (
            f"{path.name}: an operator name run on"
        )
        assert not re.search(r"<msup><mi>[^<]+</mi>(<mrow>)?<mi>&#x02032;", html), (
            f"{path.name}: a raised prime"
        )
        assert not re.search(r"<msup><mo>[^<]*</mo><mtable>", html), (
            f"{path.name}: a bracket as a base"
        )


@pytest.mark.browser
@pytest.mark.parametrize("path", params("projector"))
def test_formulas_fit_the_page_on_a_projector_at_150_percent(site, browser, path):
    """1024 × 768 at 150 % zoom: a 683 CSS-pixel-wide page;
    no display formula needs a scroll bar."""
    out, _ = site
    pg = browser.new_page(viewport={"width": 683, "height": 512}, device_scale_factor=1.5)
    pg.goto((out / f"{path.stem}.html").as_uri())
    pg.wait_for_load_state("load")
    sizes = pg.eval_on_selector_all(
        "math[display=block]", "els => els.map(e => [e.scrollWidth, e.clientWidth])"
    )
    pg.close()
    wide = [s for s in sizes if s[0] > s[1] + 1]
    assert not wide, (
        f"{path.name}: {len(wide)} formulas wider than the page (scroll width, width): {wide}"
    )
