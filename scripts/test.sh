#!/usr/bin/env bash
# npm test: everything that proves the project works, in the order that fails fastest.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-system-deps.sh

step() { printf '\n\033[1m== %s\033[0m\n' "$1"; }
start=$(date +%s)

step "prisma generate"
npx prisma generate >/dev/null

step "typecheck"
npx tsc

if npm run | grep -q 'content:check'; then
	step "content check"
	npm run -s content:check
fi

step "unit and integration tests (vitest)"
npx vitest run

step "build"
npx remix vite:build >/dev/null
# Zod is ~26 KB gzipped; it reaches phones when a module browser code imports declares a schema.
if grep -lE 'ZodError|\._zod\b' build/client/assets/*.js; then
	echo "zod is in the client build (files above): move the schema to a *.server.ts module" >&2
	exit 1
fi

step "end-to-end tests (playwright, Chromium)"
npx playwright test

echo
echo "npm test finished in $(( $(date +%s) - start )) s"
