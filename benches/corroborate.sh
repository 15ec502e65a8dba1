#!/usr/bin/env bash
# Corroboration as the corpus grows: generated sources (benches/corroborate_gen.py: five
# statements each, a fifth of them reprints, three statements in ten restating an earlier one),
# loaded in memory, then `corroborate --timings`, which reports the time to read the data and the
# time to corroborate apart; /usr/bin/time adds the wall time and peak memory of the whole run.
# A table at the end gives each size's figures per 1,000 sources, so growth faster than the
# data shows; the run fails when reading costs more than GROWTH_LIMIT (default 3) times as much
# CPU time per source at a larger size as at the smallest one (reading once grew with sources
# times mentions, through one query's plan). CPU time, not wall time: on a machine shared with
# other builds the wall time grows with their load.
# Usage: bash benches/corroborate.sh [SOURCES...]   (default 1000 3000 10000, smallest first)
# CLAIMGRAPH_BIN=path runs another build (by default the release build is made and used).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -eq 0 ]; then sizes=(1000 3000 10000); else sizes=("$@"); fi
limit=${GROWTH_LIMIT:-3}
if [ -z "${CLAIMGRAPH_BIN:-}" ]; then
  cargo build --release --quiet
  CLAIMGRAPH_BIN="${CARGO_TARGET_DIR:-target}/release/claimgraph"
fi
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); binary $CLAIMGRAPH_BIN"
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
rows=()
for n in "${sizes[@]}"; do
  python3 benches/corroborate_gen.py "$n" "$data/$n"
  echo "== $n sources (load average before: $(cut -d' ' -f1-3 /proc/loadavg))"
  /usr/bin/time -f "whole run: %e s wall, peak memory %M KiB" \
    "$CLAIMGRAPH_BIN" --data "$data/$n/generated.trig" corroborate --timings -o "$data/$n/links.trig" \
    2>"$data/$n/stderr" || { cat "$data/$n/stderr" >&2; exit 1; }
  cat "$data/$n/stderr"
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  read_s=$(sed -n 's/^timings: data read in \([0-9.]*\) s.*/\1/p' "$data/$n/stderr")
  read_cpu=$(sed -n 's/^timings: data read in [0-9.]* s (\([0-9.]*\) s of CPU).*/\1/p' "$data/$n/stderr")
  corr_s=$(sed -n 's/^timings: .*corroborated in \([0-9.]*\) s.*/\1/p' "$data/$n/stderr")
  pairs=$(sed -n 's/^timings: .* \([0-9]*\) candidate pairs.*/\1/p' "$data/$n/stderr")
  if [ -z "$read_s" ] || [ -z "$read_cpu" ] || [ -z "$corr_s" ]; then
    echo "no timings line for $n sources" >&2
    exit 1
  fi
  rows+=("$n $read_s $read_cpu $corr_s $pairs")
done
echo "== growth (seconds per 1,000 sources; the last column compares reading's CPU time per source with the smallest size's)"
printf '%s\n' "${rows[@]}" | awk -v limit="$limit" '
  BEGIN { printf "%8s %8s %9s %11s %13s %12s %8s\n", "sources", "read s", "read cpu", "read/1000", "cpu/1000", "corrob/1000", "x cpu" }
  {
    per = $3 * 1000 / $1
    if (NR == 1) base = per
    ratio = base > 0 ? per / base : 0
    printf "%8d %8.2f %9.2f %11.3f %13.3f %12.3f %8.2f\n", $1, $2, $3, $2 * 1000 / $1, per, $4 * 1000 / $1, ratio
    if (NR > 1 && ratio > limit) bad = bad " " $1
  }
  END {
    if (bad != "") { printf "reading grows faster than the data: CPU time per source over %s times as much as at the smallest size, at%s sources\n", limit, bad; exit 1 }
  }'
