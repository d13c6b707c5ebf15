#!/usr/bin/env bash
# From a fresh clone to a running JupyterLab: `make lab` timed until the server answers, with the
# package caches (pip's and uv's) empty (cold) and then filled by that first run (warm), and the size
# of the lab environment (.venv) once JupyterLab has started.
#
#   bash benchmarks/first_start.sh [GIT-REF]      (default HEAD; e.g. an older commit to compare)
#
# Clones this repository into a temporary folder, so the working tree is never touched; stops the
# server and removes everything it made before it ends. Needs the package registry (first run).
set -euo pipefail
ref="${1:-HEAD}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
port=8899
server=""
cleanup() {
  if [ -n "$server" ]; then kill -- "-$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

start() {   # $1: label, $2: pip cache folder
  rm -rf "$work/clone"
  git clone --quiet "$repo" "$work/clone"
  git -C "$work/clone" checkout --quiet "$ref"
  local t0 t1
  t0=$(date +%s.%N)
  # (JUPYTER_PORT and JUPYTER_TOKEN for Makefiles older than LAB_ARGS)
  PIP_CACHE_DIR="$2/pip" UV_CACHE_DIR="$2/uv" JUPYTER_PORT=$port JUPYTER_TOKEN=bench BROWSER=true setsid bash -c \
    "cd '$work/clone' && exec make lab LAB_ARGS='--no-browser --port=$port --ServerApp.ip=127.0.0.1'" \
    >"$work/lab.log" 2>&1 &
  server=$!
  until curl -sf "http://127.0.0.1:$port/lab?token=bench" >/dev/null 2>&1; do
    if ! kill -0 "$server" 2>/dev/null; then tail -20 "$work/lab.log"; exit 1; fi
    sleep 0.5
  done
  t1=$(date +%s.%N)
  printf '%-5s first start %5.1f s   lab environment %s\n' "$1" "$(python3 -c "print($t1 - $t0)")" \
    "$(du -sh "$work/clone/.venv" | cut -f1)"
  kill -- "-$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  server=""
}

echo "commit $(git -C "$repo" rev-parse --short "$ref"), load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
start cold "$work/pip-cache"
start warm "$work/pip-cache"
