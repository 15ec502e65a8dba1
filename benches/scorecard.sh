#!/usr/bin/env bash
# Prints the scorecard of `claimgraph ingest` on the bundled report: the draft it writes for the
# report's text, as if new, against the hand encoding in data/ (README, "How good the proposals
# are"). The same run pins the floors in tests/ingest_score.rs.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --quiet --test ingest_score -- --nocapture 2>&1 | sed -n '/^measure/,/^test result/p'
