# The two commands of the README:
#   make lab    set up (first time only) and open the series in JupyterLab
#   make test   set up (first time only) and run every test and every notebook
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.nnbp-installed

.PHONY: lab test setup clean

lab: $(STAMP)
	$(PY) -m jupyter lab notebooks/

test: $(STAMP)
	$(PY) -m pytest tests/ notebooks/ --nbval-lax --nbval-current-env -p no:cacheprovider

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
