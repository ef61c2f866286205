#!/usr/bin/env bash
# Every test of the project, in the order a failure is cheapest to find:
# types, unit and command-line tests (incl. the fidelity corpus against native
# python3), lesson checks, then the built site in real Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

# This machine sets PYTHONUNBUFFERED; native expectations and our engine must
# not inherit it (each test sets what it needs).
unset PYTHONUNBUFFERED PYTHONDONTWRITEBYTECODE || true

step() { printf '\n=== %s ===\n' "$*"; }

step "typecheck"
npx tsc --noEmit -p tsconfig.json

step "build the exitlab command"
node scripts/build-cli.mjs

step "unit, command-line and fidelity tests (vitest)"
npx vitest run

if [ -f scripts/lessons/native_check.py ]; then
  step "lessons: expectations against native python3"
  python3 scripts/lessons/native_check.py
fi

if [ -d lessons ] && [ -f src/hosts/node/check.ts ] && grep -q loadLessons src/hosts/node/check.ts 2>/dev/null; then
  step "lessons: exitlab check"
  node bin/exitlab.mjs check lessons
fi

if [ -f playwright.config.ts ]; then
  step "build the site"
  npx vite build
  step "browser tests (Chromium)"
  npx playwright test
fi

echo
echo "all test stages passed"
