#!/bin/sh
# npm test: installs what is missing, creates a fresh test database with its
# roles, then runs the unit, functional and browser suites.
set -e
cd "$(dirname "$0")/.."
sh scripts/ensure_deps.sh --with-chromium
export PATH="$PWD/node_modules/.bin:$PATH"
export NODE_ENV=test
node ace platform:setup --fresh
exec node ace test --no-clear "$@"
