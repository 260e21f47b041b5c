#!/usr/bin/env bash
# npm test: installs what is missing, creates a fresh test database with its
# roles, runs the unit, functional and browser suites, then each plugin's own
# tests with only the core and that plugin (and what it requires) booted.
# Ends with one line of counts: "N passed, N failed".
# Arguments (e.g. `npm test -- functional --files x`) run just that, once.
set -uo pipefail
cd "$(dirname "$0")/.."
sh scripts/ensure_deps.sh --with-chromium || exit 1
export PATH="$PWD/node_modules/.bin:$PATH"
export NODE_ENV=test
mkdir -p tmp
total_passed=0
total_failed=0
status=0

run() {
  local log="tmp/test-output.$$.log"
  node ace platform:setup --fresh >/dev/null || { status=1; return; }
  "$@" 2>&1 | tee "$log"
  local code=${PIPESTATUS[0]}
  [ "$code" -ne 0 ] && status=$code
  local summary
  summary=$(sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -E '^ *Tests +[0-9]+' | tail -n 1)
  rm -f "$log"
  local passed failed
  passed=$(echo "$summary" | grep -oE '[0-9]+ passed' | grep -oE '[0-9]+')
  failed=$(echo "$summary" | grep -oE '[0-9]+ failed' | grep -oE '[0-9]+')
  total_passed=$((total_passed + ${passed:-0}))
  total_failed=$((total_failed + ${failed:-0}))
}

if [ $# -gt 0 ]; then
  run node ace test --no-clear "$@"
else
  run node ace test --no-clear unit functional browser
  for folder in $(node -e "
    const fs = require('node:fs'), path = require('node:path');
    const text = fs.readFileSync('config/plugins.ts', 'utf8');
    for (const [, folder] of text.matchAll(/'((?:plugins|tests\/fixtures\/plugins)\/[^']+)'/g))
      if (fs.existsSync(path.join(folder, 'tests'))) console.log(folder);
  "); do
    echo "› plugin $(basename "$folder"): core + this plugin only"
    # Japa matches --files by trailing path segments ("*" is one segment)
    GGZY_PLUGINS=$(basename "$folder") run node ace test --no-clear plugins \
      --files "$folder/tests/*/*" --files "$folder/tests/*/*/*" --files "$folder/tests/*/*/*/*"
  done
fi
echo "${total_passed} passed, ${total_failed} failed"
exit $status
