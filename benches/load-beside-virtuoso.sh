#!/usr/bin/env bash
# Loading an archive into an on-disk store, beside Virtuoso 7 loading the same file, in one run:
#  1. generates a corpus-shaped N-Quads file of STATEMENTS statements (default 200000: 3,148,073
#     quads);
#  2. `claimgraph load --store NEW FILE`, RUNS times on a fresh store each time: wall time and
#     peak memory (/usr/bin/time), the best of the runs;
#  3. a second file of the same shape with other IRIs added to that store (`load --store` on a
#     store that holds data adds to it; nothing is reloaded): its time, and the count after;
#  4. a private Virtuoso (tests/servers/virtuoso, 127.0.0.1 only) loading the same file with its
#     bulk loader, as its manual says for large files (ld_dir, rdf_loader_run, checkpoint), timed
#     from the client, RUNS times on a fresh database; the server's peak memory (VmHWM) and the
#     count it holds afterwards;
#  5. oxigraph's own bulk loader (benches/oxigraph_load.rs) on the same file into a new on-disk
#     store, with its default threads (one parser, two indexers) and with one indexer, to show
#     what the loader's settings change.
# Usage: bash benches/load-beside-virtuoso.sh [STATEMENTS] [RUNS]   (default 200000, 3 runs)
# Needs the rocksdb feature, virtuoso-t and isql-vt (Debian: virtuoso-opensource) and GNU time.
# CLAIMGRAPH_VIRTUOSO_BUFFERS sizes Virtuoso's cache (default here 170000 pages, about 1.3 GB,
# its manual's setting for a machine of this size's share).
set -euo pipefail
cd "$(dirname "$0")/.."
statements="${1:-200000}"
runs="${2:-3}"
target="${CARGO_TARGET_DIR:-target}"
export CLAIMGRAPH_VIRTUOSO_BUFFERS="${CLAIMGRAPH_VIRTUOSO_BUFFERS:-170000}"
export CLAIMGRAPH_VIRTUOSO_DIRTY_BUFFERS="${CLAIMGRAPH_VIRTUOSO_DIRTY_BUFFERS:-130000}"

cargo build --release --features rocksdb --quiet --bin claimgraph
cargo build --release --features rocksdb --quiet --bench oxigraph_load
bin="$target/release/claimgraph"
oxigraph_load=$(ls -t "$target"/release/deps/oxigraph_load-* | grep -v '\.d$' | head -n 1)
work=$(mktemp -d)
server="$work/virtuoso"
cleanup() { tests/servers/virtuoso stop "$server" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
now() { date +%s.%N; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
# The quads of a dataset, as `stats` counts them (through --store or --endpoint, where Virtuoso's
# own graphs are left out).
count() { "$bin" "$@" stats --format json | sed -n 's/^ *"quads": \([0-9]*\),$/\1/p'; }

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
"$bin" generate --statements "$statements" -o "$work/generated.nq" --quiet
quads=$(wc -l <"$work/generated.nq")
# Blank nodes are renamed too, only so that counting distinct lines counts them as the store
# does: a blank node of one file is never one of another.
sed -e 's#claimgraph.org/id/\([a-z]*\)/generated#claimgraph.org/id/\1/second#g' -e 's#_:#_:second#g' \
  "$work/generated.nq" >"$work/second.nq"
echo "file: $quads quads ($statements statements); load average $(loadavg)"

echo
echo "== claimgraph load --store, a new store each run"
best_s="" best_kb=""
for run in $(seq 1 "$runs"); do
  rm -rf "$work/store"
  read -r s kb < <({ /usr/bin/time -f '%e %M' "$bin" load --quiet --store "$work/store" "$work/generated.nq"; } 2>&1 | tail -n 1)
  echo "run $run: $s s, peak $((kb / 1024)) MiB (load average $(loadavg))"
  if [ -z "$best_s" ] || awk "BEGIN {exit !($s < $best_s)}"; then best_s=$s best_kb=$kb; fi
done
held=$(count --store "$work/store")
[ "$held" = "$quads" ] || { echo "the store holds $held quads, not $quads" >&2; exit 1; }
read -r s2 kb2 < <({ /usr/bin/time -f '%e %M' "$bin" load --quiet --store "$work/store" "$work/second.nq"; } 2>&1 | tail -n 1)
after=$(count --store "$work/store")
# A few quads name no generated resource and are in both files: the store holds each once.
union=$(LC_ALL=C sort -u "$work/generated.nq" "$work/second.nq" | wc -l)
[ "$after" = "$union" ] || { echo "after the second load the store holds $after quads, not $union" >&2; exit 1; }
echo "a second file of $quads quads added to that store: $s2 s, peak $((kb2 / 1024)) MiB; it now holds $after quads"
rm -rf "$work/store"

echo
echo "== Virtuoso: ld_dir, rdf_loader_run, checkpoint, a new database each run"
vbest_s="" vbest_kb=""
for run in $(seq 1 "$runs"); do
  rm -rf "$server"
  endpoint=$(tests/servers/virtuoso start "$server" "$(free_port)" "$(free_port)")
  start=$(now)
  tests/servers/virtuoso load "$server" "$work/generated.nq"
  end=$(now)
  s=$(echo "$end - $start" | bc)
  kb=$(awk '/VmHWM/ {print $2}' "/proc/$(sed -n 's/^VIRT_PID=//p' "$server/db/virtuoso.lck")/status")
  printf 'run %s: %.2f s, peak %s MiB (load average %s)\n' "$run" "$s" "$((kb / 1024))" "$(loadavg)"
  if [ -z "$vbest_s" ] || awk "BEGIN {exit !($s < $vbest_s)}"; then vbest_s=$s vbest_kb=$kb; fi
  [ "$run" = "$runs" ] && vheld=$(count --endpoint "$endpoint")
  tests/servers/virtuoso stop "$server" >/dev/null
done
[ "$vheld" = "$quads" ] || { echo "Virtuoso holds $vheld quads, not $quads" >&2; exit 1; }

echo
echo "== oxigraph's own bulk loader into a new on-disk store, by indexing threads"
declare -A ox_s ox_kb
for threads in 2 1; do
  for run in $(seq 1 "$runs"); do
    rm -rf "$work/ox"
    read -r s kb < <({ CLAIMGRAPH_LOAD_THREADS=$threads /usr/bin/time -f '%e %M' "$oxigraph_load" "$work/generated.nq" "$work/ox" >/dev/null; } 2>&1 | tail -n 1)
    echo "$threads threads, run $run: $s s, peak $((kb / 1024)) MiB (load average $(loadavg))"
    if [ -z "${ox_s[$threads]:-}" ] || awk "BEGIN {exit !($s < ${ox_s[$threads]})}"; then ox_s[$threads]=$s ox_kb[$threads]=$kb; fi
  done
done
rm -rf "$work/ox"

echo
echo "== best of $runs, $quads quads"
awk -v s="$best_s" -v kb="$best_kb" -v q="$quads" \
  'BEGIN { printf "%-34s %7.2f s  %9.0f quads/s  peak %6.0f MiB\n", "claimgraph load --store", s, q / s, kb / 1024 }'
awk -v s="$vbest_s" -v kb="$vbest_kb" -v q="$quads" \
  'BEGIN { printf "%-34s %7.2f s  %9.0f quads/s  peak %6.0f MiB\n", "Virtuoso ld_dir + checkpoint", s, q / s, kb / 1024 }'
for threads in 2 1; do
  awk -v s="${ox_s[$threads]}" -v kb="${ox_kb[$threads]}" -v q="$quads" -v t="$threads" \
    'BEGIN { printf "%-34s %7.2f s  %9.0f quads/s  peak %6.0f MiB\n", "oxigraph bulk loader, " t " thread(s)", s, q / s, kb / 1024 }'
done
