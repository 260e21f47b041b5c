#!/bin/sh
# npm start: installs what is missing, creates the database and its roles
# when absent, migrates, seeds, builds the front end, then serves the
# platform on $PORT (3333) together with a BullMQ worker.
set -e
cd "$(dirname "$0")/.."
sh scripts/ensure_deps.sh
export PATH="$PWD/node_modules/.bin:$PATH"
if [ ! -f .env ]; then
  cp .env.example .env
  key=$(node -e "console.log(require('node:crypto').randomBytes(32).toString('base64url'))")
  sed -i "s/^APP_KEY=.*/APP_KEY=$key/" .env
  echo "› wrote .env with a fresh APP_KEY"
fi
node ace platform:setup
node ace migration:run --connection=owner --force
node ace platform:seed
echo "› building the front end"
vite build --logLevel warn
export NODE_ENV=production
exec node bin/serve.js
