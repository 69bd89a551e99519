#!/usr/bin/env bash
# Scale benchmark: for each N, generate N articles (if not there yet), ingest them, run
# discrepancies to a file and to /dev/null, and time `check` of a 4.8 KB article with a warm
# page cache. Figures go to standard output; BENCHMARKS.md records a run.
#
#   benches/scale.sh 1000 10000 100000        # corpora and indexes under $SCALE_DIR (/tmp)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin crosscheck --example gen_corpus
bin=target/release/crosscheck
dir=${SCALE_DIR:-/tmp}
probe="$dir/check5k.txt"
head -c 5000 corpus/004_5597e02c02573cef.txt > "$probe"
t() { /usr/bin/time -f "%e s wall, %U s user, %S s sys, peak RSS %M KB" "$@"; }
for n in "${@:-1000}"; do
  corpus="$dir/cc-$n" index="$dir/ix-$n"
  [ -d "$corpus" ] || target/release/examples/gen_corpus --n "$n" --out "$corpus"
  rm -rf "$index"
  echo "== $n articles ($(du -sh "$corpus" | cut -f1) on disk)"
  echo "-- ingest";               t $bin --quiet --index "$index" ingest "$corpus" 2>&1 | tail -2
  echo "   index size $(du -sh "$index" | cut -f1)"
  echo "-- discrepancies (file)"; t $bin --index "$index" discrepancies --output "$dir/d-$n.csv" 2>&1 | tail -2
  echo "   CSV $(stat -c %s "$dir/d-$n.csv") bytes"; rm -f "$dir/d-$n.csv"
  echo "-- discrepancies (/dev/null)"; t $bin --index "$index" discrepancies --output /dev/null 2>&1 | tail -1
  echo "-- check, 1 warm-up then 7 runs (s, sorted)"
  $bin --index "$index" check "$probe" --format csv >/dev/null 2>&1 || true
  # check exits 1 when it finds a conflict, which this probe does.
  for _ in 1 2 3 4 5 6 7; do
    { /usr/bin/time -f "%e" $bin --index "$index" check "$probe" --format csv 2>&1 >/dev/null || true; } | tail -1
  done | sort -n | tr '\n' ' '; echo
done
