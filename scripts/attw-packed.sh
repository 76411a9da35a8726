#!/bin/sh
# Are the types wrong, on the tarball pnpm publishes: `pnpm pack` applies publishConfig (which drops the
# workspace-only `./testing` subpaths from `exports`), while `attw --pack` packs with npm, which does not.
# Run from a package folder (its `check:pkg` script).
set -e
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
pnpm pack --pack-destination "$dir" >/dev/null
attw "$dir"/*.tgz --profile node16
