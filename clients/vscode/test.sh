#!/usr/bin/env bash
# Every check of the VS Code extension, headless: npm ci (from the lock), tsc, bundle, lint, unit
# tests, the contract test against the real server, the graph view in headless Chromium, the
# distribution and its .vsix (./liftsys package), and the extension-host suite in a real VS Code
# (code-server, installed into .liftsys/ on the first run, offline after). Runs them all, prints a
# summary and one closing line "N passed, M failed" (tests and steps), and exits non-zero when
# anything failed.
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
export LIFTSYS_ROOT="$ROOT"
cd "$HERE"
LOGS="$HERE/test-artifacts/logs"
rm -rf "$LOGS"
mkdir -p "$LOGS"

passed=0
failed=0
summary=()
started=$(date +%s)

say() { printf 'vscode: %s\n' "$*" >&2; }

# A step counts once: passed or failed.
step() {
  local name="$1"
  shift
  say "$name"
  local t0=$SECONDS
  if "$@" > "$LOGS/$name.log" 2>&1; then
    passed=$((passed + 1))
    summary+=("$name: passed ($((SECONDS - t0)) s)")
  else
    failed=$((failed + 1))
    summary+=("$name: FAILED after $((SECONDS - t0)) s (log: test-artifacts/logs/$name.log)")
    sed 's/^/    /' "$LOGS/$name.log" | tail -60 >&2
  fi
}

# A test suite counts each of its tests, read from the node test runner's TAP summary.
suite() {
  local name="$1"
  shift
  say "$name"
  local t0=$SECONDS
  local tap="$LOGS/$name.tap"
  node --test --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$tap" "$@" 2>&1 | tee "$LOGS/$name.log"
  local rc=${PIPESTATUS[0]}
  local p f
  p=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$tap" 2>/dev/null | tail -1)
  f=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$tap" 2>/dev/null | tail -1)
  p=${p:-0}
  f=${f:-0}
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
    f=1 # the runner failed outside any test (a hook, a crash)
  fi
  passed=$((passed + p))
  failed=$((failed + f))
  if [ "$f" -eq 0 ]; then summary+=("$name: $p passed ($((SECONDS - t0)) s)"); else summary+=("$name: $p passed, $f FAILED ($((SECONDS - t0)) s)"); fi
}

# The server and the DoWhy environment (quick when nothing changed), for the contract and Chromium tests.
step setup "$ROOT/liftsys" setup

# Debian's Chromium for the graph view test (no browser download: the package manager's own).
install_chromium() {
  if [ -x /usr/bin/chromium ]; then
    return 0
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q chromium || { apt-get update -q && apt-get install -y -q chromium; }
}
step chromium-install install_chromium

# npm ci empties node_modules and installs it again from the lock (about 30 s here); when the
# lock is the one node_modules was installed from (its hash kept beside it), it is left as it is.
npm_ci() {
  local stamp="node_modules/.liftsys-lock-sha256" want
  want="$(sha256sum package-lock.json | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    echo "node_modules was installed from this package-lock.json; not installed again"
    return 0
  fi
  npm ci --prefer-offline --ignore-scripts --no-audit --no-fund && echo "$want" > "$stamp"
}
step npm-ci npm_ci
step tsc bash -c 'npx tsc -p tsconfig.json && npx tsc -p tsconfig.chromium.json && npx tsc -p tsconfig.webview.json'
step bundle node build.mjs
step lint npx eslint --max-warnings 0

suite unit out/test/unit/*.test.js
suite contract out/test/contract/*.test.js
suite chromium out/test/chromium/*.test.js

VERSION="$(sed -n 's/^  "version": "\(.*\)",$/\1/p' package.json)"
VSIX="$ROOT/dist/liftsys-$VERSION.vsix"
package_vsix() {
  "$ROOT/liftsys" package || return 1
  # What the package holds: the bundles, the page's style, the manifest, README, licence and icon,
  # and the distribution in server/; no sources, no node_modules.
  python3 - "$VSIX" <<'PY'
import sys, zipfile
names = set(zipfile.ZipFile(sys.argv[1]).namelist())
need = {"extension/package.json", "extension/readme.md", "extension/LICENSE.txt", "extension/images/icon.png",
        "extension/dist/extension.js", "extension/dist/webview.js", "extension/media/graph.css",
        "extension/server/bin/liftsys", "extension/server/lib/liftsys-server.jar", "extension/server/VERSION",
        "extension/server/python/requirements.txt", "extension/server/README.md"}
lower = {n.lower() for n in names}  # vsce writes the extension's readme.md in lower case
missing = sorted(n for n in need if n.lower() not in lower)
wheels = [n for n in names if n.startswith("extension/server/python/") and n.endswith(".whl")]
stray = sorted(n for n in names if "/node_modules/" in n or n.endswith(".ts") or "/src/" in n or "/test/" in n)
print("\n".join(sorted(names)))
if missing or stray or len(wheels) != 1:
    print("missing:", missing, "stray:", stray, "wheels:", wheels)
    sys.exit(1)
PY
}
step package package_vsix

# The real VS Code: code-server and Node 24 from npm, cached under .liftsys/ (install.sh says how).
CODE_SERVER=""
install_code_server() {
  local t0=$SECONDS
  CODE_SERVER="$("$HERE/test/host/install.sh" "$ROOT/.liftsys")" || return 1
  echo "code-server ready in $((SECONDS - t0)) s: $CODE_SERVER"
}
say "code-server-install"
if install_code_server > "$LOGS/code-server-install.log" 2>&1; then
  passed=$((passed + 1)); summary+=("code-server-install: passed ($(tail -1 "$LOGS/code-server-install.log" | sed 's/: .*//'))")
  export LIFTSYS_CODE_SERVER="$CODE_SERVER" LIFTSYS_VSIX="$VSIX"
  suite host out/test/host/*.test.js
else
  failed=$((failed + 1)); summary+=("code-server-install: FAILED (log: test-artifacts/logs/code-server-install.log)")
  tail -40 "$LOGS/code-server-install.log" >&2
fi

echo
echo "== vscode extension summary ($(( $(date +%s) - started )) s)"
printf '  %s\n' "${summary[@]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
