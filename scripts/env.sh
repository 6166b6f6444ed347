# Sourced by ./run and .ci/run: puts a Node >= 22.18 first on PATH (Node 24 LTS is the target, see .nvmrc).
# When the system's Node is older, Node 24 is installed from the npm registry into .tools/ (the `node` package
# ships the binary and its headers), and native addons (better-sqlite3, keytar) are built against those headers.
node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>22||(a===22&&b>=18)?0:1)'
}

tools_node="$PWD/.tools/node24"
if [ -x "$tools_node/bin/node" ]; then
  export PATH="$tools_node/bin:$PATH"
elif ! node_ok; then
  echo "Node $(node --version 2>/dev/null || echo 'is missing') is older than 22.18: installing Node 24 into .tools/ ..." >&2
  npm install --silent --no-audit --no-fund --prefix "$tools_node" -g node@24 >&2
  export PATH="$tools_node/bin:$PATH"
fi
node_ok || { echo "Could not get Node >= 22.18 (have $(node --version)). Install Node 24 LTS and retry." >&2; exit 1; }

# The headers that match the running Node, for node-gyp (it would otherwise download them, which fails offline).
headers="$(ls -d "$tools_node"/lib/node_modules/node/node_modules/node-*/include/node 2>/dev/null | head -n1 || true)"
if [ -n "$headers" ] && [ "$(command -v node)" = "$tools_node/bin/node" ]; then
  export npm_config_nodedir="${headers%/include/node}"
fi
