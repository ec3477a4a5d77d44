#!/usr/bin/env bash
# Rebuild the bundled seed questions (questions/by-order_b2/) from the damaged seed files:
# import them (the importer detects and repairs the mojibake), then apply the reviewed hand
# edits for what the repair could not restore with certainty.
#   usage: scripts/build_bundled_bank.sh [SEEDS_DIR]   (default: ../shared/seeds)
set -euo pipefail
cd "$(dirname "$0")/.."
seeds=${1:-../shared/seeds}
quiz=${QUIZ:-.venv/bin/quiz}
rm -rf questions/by-order_b2
"$quiz" import "$seeds"/000_*.txt "$seeds"/001_*.txt "$seeds"/002_*.txt \
    --bank by-order_b2 --out questions
patch -p1 --no-backup-if-mismatch < scripts/bundled-bank-hand-edits.diff
"$quiz" validate questions/by-order_b2
