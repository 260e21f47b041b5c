#!/bin/sh
# Installs what is missing: npm packages (with Node 24 through the `node`
# devDependency) and, when asked, Debian's Chromium for the browser tests.
set -e
cd "$(dirname "$0")/.."
if [ ! -x node_modules/.bin/node ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "› installing npm packages"
  npm ci --no-audit --no-fund
fi
if [ "$1" = "--with-chromium" ] && [ -z "$CHROMIUM_PATH" ] && [ ! -x /usr/bin/chromium ]; then
  echo "› installing Chromium (Debian package) for the browser tests"
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq || true
  i=0
  until DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null; do
    i=$((i + 1)); [ $i -ge 5 ] && { echo "Could not install chromium: install it (apt-get install chromium) or set CHROMIUM_PATH"; exit 1; }
    sleep 5
  done
fi
