#!/usr/bin/env bash
# npm test: installs what is missing, creates a fresh test database with its
# roles, then runs the unit, functional and browser suites and ends with a
# line of counts ("N passed, N failed").
set -euo pipefail
cd "$(dirname "$0")/.."
sh scripts/ensure_deps.sh --with-chromium
export PATH="$PWD/node_modules/.bin:$PATH"
export NODE_ENV=test
node ace platform:setup --fresh
mkdir -p tmp
log="tmp/test-output.$$.log"
status=0
node ace test --no-clear "$@" 2>&1 | tee "$log" || status=$?
summary=$(sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -E '^ *Tests +[0-9]+' | tail -n 1 || true)
rm -f "$log"
passed=$(echo "$summary" | grep -oE '[0-9]+ passed' | grep -oE '[0-9]+' || echo 0)
failed=$(echo "$summary" | grep -oE '[0-9]+ failed' | grep -oE '[0-9]+' || echo 0)
echo "${passed:-0} passed, ${failed:-0} failed"
exit $status
