"""The JupyterHub route, for real: a hub on 127.0.0.1 (DummyAuthenticator,
SimpleLocalProcessSpawner, configurable-http-proxy from npm), a student who follows the instructor
guide's nbgitpuller link in headless Chromium, and a local bare clone of this repository standing in
for GitHub.

Checks that the series lands in the student's home and JupyterLab opens the start page, that a
kernel started for a notebook there runs ``nn.gradient_check(...)``, that following the link again
after an upstream change brings the change and keeps the student's edit, and that the link to a
repository of student copies (another folder name) opens its start page too. Everything the test
starts is stopped.

Without jupyterhub, configurable-http-proxy (``npm ci``) or Chromium the test is skipped, except
under ``CI=true``, where it fails: CI must run it.
"""

import asyncio
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from pathlib import Path

import pytest
from browser_tools import CHROMIUM_ARGS, chromium_or_skip, free_port
from conftest import IN_CI

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts" / "hub"
START_S = 90  # the hub, then a single-user server, on a busy 2-core machine
PULL_S = 120  # spawn + clone + JupyterLab's first page

pytestmark = pytest.mark.hub


def _load_links():
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "nnbp_launch_links", ROOT / "tools" / "launch_links.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _tools():
    """(configurable-http-proxy, chromium, jupyterhub-singleuser), or skip / fail saying what is
    missing."""
    proxy = ROOT / "node_modules" / ".bin" / "configurable-http-proxy"
    proxy = str(proxy) if proxy.exists() else shutil.which("configurable-http-proxy")
    singleuser = Path(sys.executable).parent / "jupyterhub-singleuser"
    missing = [] if proxy else ["configurable-http-proxy (npm ci, from package-lock.json)"]
    missing += [] if singleuser.exists() else ["jupyterhub (pip install -r requirements/test.txt)"]
    if missing:
        why = "the hub test needs " + ", ".join(missing)
        if IN_CI:
            pytest.fail(f"CI=true but {why}")
        pytest.skip(why)
    chromium = chromium_or_skip("the hub test", "nbgitpuller", "jupyterhub")
    return proxy, chromium, str(singleuser)


def _git(*args, cwd):
    subprocess.run(
        ["git", "-c", "user.name=Lecturer", "-c", "user.email=lecturer@example.edu", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


def _upstream(tmp: Path, name: str, fill) -> Path:
    """A bare repository ``name`` (as on GitHub) whose branch main holds what ``fill(folder)``
    wrote."""
    work, bare = tmp / f"{name}-work", tmp / "upstream" / name
    fill(work)
    _git("init", "-q", "-b", "main", cwd=work)
    _git("add", "-A", cwd=work)
    _git("commit", "-q", "-m", "the series", cwd=work)
    bare.parent.mkdir(exist_ok=True)
    _git("clone", "-q", "--bare", str(work), str(bare), cwd=tmp)
    return bare


def _series(folder: Path):
    subprocess.run(["git", "clone", "-q", str(ROOT), str(folder)], check=True)
    shutil.rmtree(folder / ".git")
    for nb in (ROOT / "notebooks").glob(
        "*.ipynb"
    ):  # the notebooks as they are now, committed or not
        shutil.copy(nb, folder / "notebooks" / nb.name)


def _student_copies(folder: Path):
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import make_student
    finally:
        sys.path.pop(0)
    make_student.make_student(folder / "notebooks")
    (folder / "README.md").write_text("Notebooks for the course, without solutions.\n")


@pytest.fixture
def hub(tmp_path):
    """A running JupyterHub; yields a dict with its address, the student home folder and an API
    token."""
    proxy, chromium, singleuser = _tools()
    port, hub_port, api_port = free_port(), free_port(), free_port()
    token = uuid.uuid4().hex
    homes = tmp_path / "home"
    homes.mkdir()
    config = tmp_path / "jupyterhub_config.py"
    config.write_text(f"""
c = get_config()  # noqa
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{api_port}"
c.ConfigurableHTTPProxy.command = [{proxy!r}]
c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = {str(homes)!r} + "/{{username}}"
c.Spawner.cmd = [{singleuser!r}]
c.Spawner.args = ["--allow-root"] if {os.geteuid() == 0} else []
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = {START_S}
c.Spawner.http_timeout = {START_S}
c.Spawner.environment = {{"JUPYTER_PLATFORM_DIRS": "1"}}
c.JupyterHub.db_url = "sqlite:///{tmp_path}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = "{tmp_path}/cookie_secret"
c.JupyterHub.pid_file = "{tmp_path}/jupyterhub.pid"
c.JupyterHub.cleanup_servers = True
c.JupyterHub.services = [{{"name": "nnbp-test", "api_token": {token!r}}}]
c.JupyterHub.load_roles = [{{"name": "nnbp-test", "services": ["nnbp-test"],
                             "scopes": ["access:servers", "servers", "read:users"]}}]
""")
    env = dict(
        os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    )
    log = open(tmp_path / "jupyterhub.log", "w")
    process = subprocess.Popen(
        [sys.executable, "-m", "jupyterhub", "-f", str(config)],
        cwd=tmp_path,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_S
        while True:
            try:
                with urllib.request.urlopen(f"{base}/hub/api", timeout=5) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(
                    "JupyterHub did not start:\n"
                    + (tmp_path / "jupyterhub.log").read_text()[-3000:]
                )
            time.sleep(0.5)
        yield {
            "base": base,
            "homes": homes,
            "token": token,
            "tmp": tmp_path,
            "chromium": chromium,
            "log": tmp_path / "jupyterhub.log",
        }
    finally:
        process.send_signal(signal.SIGTERM)  # the hub stops the servers it spawned, then the proxy
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            pass
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except OSError:
            pass
        process.wait()
        log.close()
        # The hub stops the servers it spawned on its way out; give them time, then stop what is
        # left
        # (a server in its own session, a kernel) so that nothing outlives the test.
        deadline = time.monotonic() + 20
        while _processes_under(tmp_path) and time.monotonic() < deadline:
            time.sleep(0.5)
        for pid in _processes_under(tmp_path):
            print(f"stopping a process left by the hub: {pid}", file=sys.stderr)
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        time.sleep(0.5)
        assert not _processes_under(tmp_path), "processes the hub started are still running"


def _processes_under(folder: Path):
    """Processes whose command line or working folder is in ``folder`` (the hub's, the servers',
    the kernels')."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == os.getpid():
            continue
        try:
            cmdline = (
                Path(f"/proc/{entry}/cmdline")
                .read_bytes()
                .replace(b"\0", b" ")
                .decode(errors="replace")
            )
            cwd = os.readlink(f"/proc/{entry}/cwd")
        except OSError:
            continue
        if str(folder) in cmdline or cwd.startswith(str(folder)):
            found.append(int(entry))
    return found


def _follow(page, link, expected_path):
    """Open ``link`` as a student would, and wait until JupyterLab shows ``expected_path``."""
    page.goto(link, wait_until="domcontentloaded")
    page.wait_for_url(lambda url: expected_path in url, timeout=PULL_S * 1000)
    page.wait_for_selector(".jp-NotebookPanel", timeout=PULL_S * 1000)


async def _execute(base, token, user, notebook_path, code, timeout=60):
    """Start a kernel for the notebook at ``notebook_path`` (a session, as JupyterLab does), run
    ``code``
    and return what it printed; the session is deleted afterwards."""
    from tornado.httpclient import AsyncHTTPClient, HTTPRequest
    from tornado.websocket import websocket_connect

    headers = {"Authorization": f"token {token}"}
    client = AsyncHTTPClient()
    api = f"{base}/user/{user}/api"
    body = json.dumps(
        {
            "path": notebook_path,
            "type": "notebook",
            "name": Path(notebook_path).name,
            "kernel": {"name": "python3"},
        }
    )
    session = json.loads(
        (
            await client.fetch(
                f"{api}/sessions",
                method="POST",
                body=body,
                headers=headers,
                request_timeout=timeout,
            )
        ).body
    )
    try:
        kernel = session["kernel"]["id"]
        ws = await websocket_connect(
            HTTPRequest(
                f"{api}/kernels/{kernel}/channels".replace("http", "ws", 1),
                headers=headers,
                request_timeout=timeout,
            )
        )
        msg_id = uuid.uuid4().hex
        ws.write_message(
            json.dumps(
                {
                    "header": {
                        "msg_id": msg_id,
                        "msg_type": "execute_request",
                        "username": user,
                        "version": "5.3",
                        "session": uuid.uuid4().hex,
                        "date": datetime.now(timezone.utc).isoformat(),
                    },
                    "parent_header": {},
                    "metadata": {},
                    "channel": "shell",
                    "buffers": [],
                    "content": {
                        "code": code,
                        "silent": False,
                        "store_history": False,
                        "user_expressions": {},
                        "allow_stdin": False,
                        "stop_on_error": True,
                    },
                }
            )
        )
        out = []
        while True:
            msg = json.loads(await asyncio.wait_for(ws.read_message(), timeout))
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "stream":
                out.append(msg["content"]["text"])
            elif msg["msg_type"] == "error":
                raise AssertionError(
                    "the kernel raised:\n" + "\n".join(msg["content"]["traceback"])
                )
            elif msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                ws.close()
                return "".join(out)
    finally:
        await client.fetch(
            f"{api}/sessions/{session['id']}",
            method="DELETE",
            headers=headers,
            request_timeout=timeout,
        )


def test_nbgitpuller_links_on_a_real_hub(hub):
    from playwright.sync_api import sync_playwright

    links = _load_links()
    tmp = hub["tmp"]
    series = _upstream(tmp, "nnbp", _series)
    student = _upstream(tmp, "nnbp-student", _student_copies)
    home = hub["homes"] / "alice"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    start = time.monotonic()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=hub["chromium"], args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.goto(f"{hub['base']}/hub/login", wait_until="domcontentloaded")
            page.fill("#username_input", "alice")
            page.fill("#password_input", "any")
            page.click("#login_submit")
            page.wait_for_load_state("domcontentloaded")

            # 1. The series' link: cloned into ~/nnbp, the start page opens in JupyterLab.
            link = links.hub_link(hub["base"], str(series))
            _follow(page, link, "/user/alice/lab/tree/nnbp/notebooks/00_start_here.ipynb")
            page.screenshot(path=str(ARTIFACTS / "01_series_pulled.png"))
            assert (home / "nnbp" / "notebooks" / "00_start_here.ipynb").exists()
            assert sorted(p.name for p in (home / "nnbp" / "notebooks").glob("*.ipynb")) == sorted(
                p.name for p in (ROOT / "notebooks").glob("*.ipynb")
            )

            # 2. A notebook's kernel there runs the package's gradient check.
            code = (
                "import os\nimport numpy as np\nimport nnbp_helpers as nn\n"
                "rng = np.random.default_rng(0)\n"
                "thetas = nn.init_weights([3, 4, 2], rng=0)\n"
                "X, y = rng.normal(size=(6, 3)), rng.integers(0, 2, size=6)\n"
                "print(nn.gradient_check(thetas, X, y, lam=0.1).passed)\n"
                "print(os.getcwd())"
            )
            run = _execute(
                hub["base"],
                hub["token"],
                "alice",
                "nnbp/notebooks/05_gradient_checking.ipynb",
                code,
            )
            printed = (
                ThreadPoolExecutor(1).submit(asyncio.run, run).result()
            )  # Playwright's loop runs here
            passed, cwd = printed.split()
            assert passed == "True" and cwd == str(home / "nnbp" / "notebooks"), printed

            # 3. The lecturer changes the series upstream; the student has edited an exercise.
            edited = home / "nnbp" / "notebooks" / "04_backpropagation.ipynb"
            mine = json.loads(edited.read_text(encoding="utf-8"))
            cell = next(
                c for c in mine["cells"] if "exercise" in c.get("metadata", {}).get("tags", [])
            )
            cell["source"] = (
                "# Exercise 4.1: my own answer\n"
                "def hidden_delta(theta, delta_next, a):\n    return 0\n"
            )
            edited.write_text(json.dumps(mine, indent=1), encoding="utf-8")
            change = tmp / "nnbp-change"
            subprocess.run(["git", "clone", "-q", str(series), str(change)], check=True)
            (change / "ERRATA.md").write_text("A correction from the lecturer.\n")
            _git("add", "ERRATA.md", cwd=change)
            _git("commit", "-q", "-m", "errata", cwd=change)
            _git("push", "-q", "origin", "main", cwd=change)

            _follow(page, link, "/user/alice/lab/tree/nnbp/notebooks/00_start_here.ipynb")
            page.screenshot(path=str(ARTIFACTS / "02_series_pulled_again.png"))
            assert (home / "nnbp" / "ERRATA.md").read_text() == "A correction from the lecturer.\n"
            assert "# Exercise 4.1: my own answer" in edited.read_text(encoding="utf-8"), (
                "the student's edit was lost"
            )

            # 4. The student copies' link: another repository name, so another folder; its page
            # opens too.
            link = links.hub_link(hub["base"], str(student))
            _follow(page, link, "/user/alice/lab/tree/nnbp-student/notebooks/00_start_here.ipynb")
            page.screenshot(path=str(ARTIFACTS / "03_student_copy_pulled.png"))
            assert (home / "nnbp-student" / "notebooks" / "04_backpropagation.ipynb").exists()
        finally:
            browser.close()
    print(
        f"hub route: pulled, ran a kernel, re-pulled and pulled the student copies in "
        f"{time.monotonic() - start:.0f} s"
    )


def test_hub_links_open_the_start_page_whatever_the_folder():
    links = _load_links()
    link = links.hub_link("https://hub.example.edu/", "https://github.com/course-org/nnbp-student")
    assert link.startswith("https://hub.example.edu/hub/user-redirect/git-pull?")
    assert "repo=https%3A%2F%2Fgithub.com%2Fcourse-org%2Fnnbp-student" in link
    assert (
        "app=lab" in link
        and "subpath=notebooks%2F00_start_here.ipynb" in link
        and "urlpath" not in link
    )
    guide = (ROOT / "docs" / "instructor-guide.md").read_text(encoding="utf-8")
    assert links.hub_link("https://HUB.EXAMPLE.EDU", links.repository()) in guide
