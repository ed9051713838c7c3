#!/usr/bin/env bash
# Headless tests of the Neovim plugin against the real server: Debian's neovim, installed when missing.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"

if ! command -v nvim >/dev/null 2>&1; then
  echo "clients/nvim: installing neovim (apt-get)" >&2
  SUDO=()
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then SUDO=(sudo); fi
  "${SUDO[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq neovim >/dev/null
fi
if [ ! -f "$ROOT/server/target/liftsys-server.jar" ] || [ ! -x "$ROOT/.liftsys/dowhy-env/bin/python" ]; then
  "$ROOT/liftsys" setup
fi

echo "clients/nvim: $(nvim --version | head -1)"
# Neovim writes its messages (the echoed progress, notifications) to stderr; shown after the checks.
messages="$(mktemp)"
trap 'rm -f "$messages"' EXIT
rc=0
LIFTSYS_ROOT="$ROOT" timeout 150 nvim --headless -u NONE -i NONE -n \
  -c "luafile $HERE/test/impact_test.lua" 2>"$messages" || rc=$?
if [ -s "$messages" ]; then
  echo "  messages from Neovim:"
  sed 's/^/    /' "$messages"
  echo
fi
[ "$rc" -eq 124 ] && echo "clients/nvim: timed out" >&2
exit "$rc"
