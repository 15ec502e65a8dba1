#!/usr/bin/env bash
# Corroboration as the corpus grows: generated sources (benches/corroborate_gen.py: five
# statements each, a fifth of them reprints, three statements in ten restating an earlier one),
# loaded in memory, then `corroborate --timings`, which reports the time to read the data and the
# time to corroborate apart; /usr/bin/time adds the wall time and peak memory of the whole run.
# Usage: bash benches/corroborate.sh [SOURCES...]   (default 1000 10000)
# CLAIMGRAPH_BIN=path runs another build (by default the release build is made and used).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -eq 0 ]; then sizes=(1000 10000); else sizes=("$@"); fi
if [ -z "${CLAIMGRAPH_BIN:-}" ]; then
  cargo build --release --quiet
  CLAIMGRAPH_BIN="${CARGO_TARGET_DIR:-target}/release/claimgraph"
fi
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); binary $CLAIMGRAPH_BIN"
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
for n in "${sizes[@]}"; do
  python3 benches/corroborate_gen.py "$n" "$data/$n"
  echo "== $n sources (load average before: $(cut -d' ' -f1-3 /proc/loadavg))"
  /usr/bin/time -f "whole run: %e s wall, peak memory %M KiB" \
    "$CLAIMGRAPH_BIN" --data "$data/$n/generated.trig" corroborate --timings -o "$data/$n/links.trig"
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
done
