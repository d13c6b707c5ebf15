# The two commands of the README:
#   make lab    set up (first time only) and open the series in JupyterLab
#   make test   set up (first time only), lint (ruff), and run every test and every notebook
# For delivering the series:
#   make html     run every notebook and write the static site to site/ (open site/index.html)
#   make student  write hand-out copies without solutions to student/
#   make links    put every launch link on the Repository address in pyproject.toml
#   make voila NB=01_delta_blame_intuition   serve a notebook's widgets as an app, code hidden
# For maintainers:
#   make lock   refresh requirements/*.txt (exact versions) from pyproject.toml
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
LAB    := $(VENV)/.nnbp-lab
TEST   := $(VENV)/.nnbp-test
NB     ?= 01_delta_blame_intuition
PORT   ?= 8866
LAB_ARGS ?=
UV_VERSION := 0.13.8
LOCK_UPGRADE ?= --upgrade
UV     ?= build/uv/bin/uv

.PHONY: lab test setup clean html student links voila lock

# (as root, e.g. in a container, JupyterLab refuses to start without --allow-root)
ROOT_FLAG := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root,)

lab: $(LAB)
	$(PY) -m jupyter lab notebooks/ $(ROOT_FLAG) $(LAB_ARGS)

test: $(TEST)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m pytest tests/ notebooks/ --nbval-lax --nbval-current-env -p no:cacheprovider

html: $(TEST)
	$(PY) tools/build_site.py --out site

student: $(LAB)
	$(PY) tools/make_student.py --out student

links: $(LAB)
	$(PY) tools/launch_links.py

# Widgets as an app on this machine only (127.0.0.1), code cells hidden.
voila: $(LAB)
	$(PY) -m voila notebooks/$(NB).ipynb --no-browser --Voila.ip=127.0.0.1 --port=$(PORT) \
	    --strip_sources=True --theme=light

setup: $(TEST)

# uv (one pinned binary from PyPI, kept in build/uv, outside the environment; UV=/path/to/uv uses another)
# installs the lock files:
# exact versions, no resolver run, parallel downloads. `pip install -r requirements/lab.txt -e .` installs
# the same set where uv cannot run.
$(UV):
	PIP_ROOT_USER_ACTION=ignore $(PYTHON) -m pip install --quiet --disable-pip-version-check \
	    --target build/uv uv==$(UV_VERSION)

$(PY): | $(UV)
	$(UV) venv --quiet --seed --python $(PYTHON) $(VENV)

# --no-deps: the lock lists every package; the package itself is installed editable (edits are seen at once).
$(LAB): requirements/lab.txt pyproject.toml | $(PY)
	$(UV) pip install --quiet --python $(PY) --no-deps -r requirements/lab.txt -e .
	touch $(LAB)

$(TEST): requirements/test.txt requirements/lab.txt pyproject.toml | $(PY)
	$(UV) pip install --quiet --python $(PY) --no-deps -r requirements/test.txt -e .
	touch $(LAB) $(TEST)

# One command refreshes both lock files: the test set first, then the lab set as its subset.
# (`make lock LOCK_UPGRADE=` keeps every pin it can and only adds or drops what pyproject.toml changed.)
lock: | $(UV)
	$(UV) pip compile pyproject.toml --extra test --universal --python-version 3.10 \
	    --annotation-style line --custom-compile-command "make lock" $(LOCK_UPGRADE) -o requirements/test.txt
	$(UV) pip compile pyproject.toml --extra lab --universal --python-version 3.10 \
	    --annotation-style line --custom-compile-command "make lock" -c requirements/test.txt \
	    -o requirements/lab.txt

clean:
	rm -rf $(VENV) build *.egg-info
