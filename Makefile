# The two commands of the README:
#   make lab    set up (first time only) and open the series in JupyterLab
#   make test   set up (first time only), lint (ruff), and run every test and every notebook
# For delivering the series:
#   make html     run every notebook and write the static site to site/ (open site/index.html)
#   make student  write hand-out copies without solutions to student/
#   make links    put every launch link on the Repository address in pyproject.toml
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.nnbp-installed

.PHONY: lab test setup clean html student links

# (as root, e.g. in a container, JupyterLab refuses to start without --allow-root)
ROOT_FLAG := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root,)

lab: $(STAMP)
	$(PY) -m jupyter lab notebooks/ $(ROOT_FLAG)

test: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m pytest tests/ notebooks/ --nbval-lax --nbval-current-env -p no:cacheprovider

html: $(STAMP)
	$(PY) tools/build_site.py --out site

student: $(STAMP)
	$(PY) tools/make_student.py --out student

links: $(STAMP)
	$(PY) tools/launch_links.py

setup: $(STAMP)

$(PY):
	$(PYTHON) -m venv $(VENV)

# Re-installs when pyproject.toml changes; the package is installed editable, so edits are seen at once.
$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) build *.egg-info
