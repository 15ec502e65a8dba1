#!/usr/bin/env bash
# The two paths users feel, measured on this machine:
#  1. start-up to first answer on the bundled corpus, and a short shell session (hyperfine);
#  2. loading a generated corpus-shaped N-Quads file: wall time and peak memory of claimgraph
#     against oxigraph's own bulk loader on the same file (/usr/bin/time, best of 3).
# Usage: bash benches/measure.sh [STATEMENTS]   (default 200000, about 3 million quads)
# Needs hyperfine and GNU time (Debian: apt-get install hyperfine time).
set -euo pipefail
cd "$(dirname "$0")/.."
statements="${1:-200000}"
target="${CARGO_TARGET_DIR:-target}"

cargo build --release --quiet
cargo bench --bench oxigraph_load --no-run --quiet 2>/dev/null
bin="$target/release/claimgraph"
oxigraph_load=$(ls -t "$target"/release/deps/oxigraph_load-* | grep -v '\.d$' | head -n 1)

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo
echo "== start-up to first answer (bundled corpus, in memory)"
hyperfine --warmup 3 --runs 30 -N --style basic "$bin query 'ASK { ?s cg:speaker ?o }' --format json"

echo
echo "== the shell on the bundled corpus: open, follow one chain, prove one hop, leave"
session=$(mktemp)
printf '.chain --from stmt:tarar-talks-failed\n.why stmt:rta-pakistani-side-lacks-intention stmt:tarar-talks-failed\n' > "$session"
hyperfine --warmup 3 --runs 30 --style basic "$bin < $session"
rm -f "$session"

data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
"$bin" generate --statements "$statements" -o "$data/generated.nq"
quads=$(wc -l < "$data/generated.nq")
echo
echo "== load of $quads quads ($statements statements), in memory: best of 3"
best() {
  local best_s="" best_kb=""
  for _ in 1 2 3; do
    read -r s kb < <( { /usr/bin/time -f '%e %M' "$@" >/dev/null; } 2>&1 | tail -n 1)
    if [ -z "$best_s" ] || awk "BEGIN {exit !($s < $best_s)}"; then best_s=$s; fi
    if [ -z "$best_kb" ] || [ "$kb" -lt "$best_kb" ]; then best_kb=$kb; fi
  done
  awk -v s="$best_s" -v kb="$best_kb" -v q="$quads" -v name="$name" \
    'BEGIN { printf "%-22s %7.2f s  %9.0f quads/s  peak %7.0f MiB\n", name, s, q / s, kb / 1024 }'
}
name=claimgraph best "$bin" --data "$data/generated.nq" query 'ASK {}' --format json
name="oxigraph bulk loader" best "$oxigraph_load" "$data/generated.nq"
