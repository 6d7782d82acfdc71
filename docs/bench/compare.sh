#!/usr/bin/env bash
# compare.sh times offerbook against its floor (the same cells through a
# bare excelize StreamWriter, docs/bench/floor) and the pandas reference
# (../shared/bench/reference_pandas.py) in one run: the three commands
# alternate, RUNS rounds, and the script prints each one's median wall time
# and median peak RSS (/usr/bin/time -v) with the ratios, and the median
# CPU time (user + system), the steadier figure on a shared machine.
#
#   N=100000 RUNS=3 bash docs/bench/compare.sh            # from the repo root
#   N=100000 OFFERBOOK_ARGS="--format xlsx,csv" bash docs/bench/compare.sh
#   INPUTS=banded bash docs/bench/compare.sh               # one input only
#
# It times two inputs, one after the other: the generator's batch (about
# half the offers in a market band) and the banded one (`generate
# --banded`: most offers in a band, with a counter-offer), the harder case.
#
# Needs: go, /usr/bin/time (package time), and for the reference
# python3 with pandas and XlsxWriter (apt-get install -y python3-pandas
# python3-xlsxwriter); without them the reference is skipped.
set -euo pipefail
N=${N:-100000}
RUNS=${RUNS:-3}
OFFERBOOK_ARGS=${OFFERBOOK_ARGS:---offer-sheets 0}
PYTHON=${PYTHON:-/usr/bin/python3}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SHARED=${SHARED:-$ROOT/../shared}
WORK=${WORK:-$(mktemp -d)}
cd "$ROOT"
go build -o "$WORK/offerbook" ./cmd/offerbook
go build -o "$WORK/floor" ./docs/bench/floor
# The reference reads the bands offerbook uses by default; it calls the
# four-year-average component total_4yr_avg (base_equity_avg in newer band
# files).
sed 's/,base_equity_avg,/,total_4yr_avg,/' "${BANDS:-$ROOT/importers/defaults/market-bands.csv}" >"$WORK/bands.csv"
BANDS="$WORK/bands.csv"
INPUTS=${INPUTS:-plain banded}
for INPUT in $INPUTS; do
GEN_ARGS=""
[ "$INPUT" = banded ] && GEN_ARGS="--banded"
IN="$WORK/offers-$INPUT-$N.csv"
[ -f "$IN" ] || "$WORK/offerbook" generate -n "$N" $GEN_ARGS -o "$IN" >/dev/null
rm -f "$WORK/times-$INPUT.txt"

declare -A CMD
CMD[floor]="$WORK/floor $IN $WORK/floor.xlsx"
CMD[offerbook]="$WORK/offerbook analyze $IN $OFFERBOOK_ARGS --out-dir $WORK/out -q"
names=(floor offerbook)
if "$PYTHON" -c 'import pandas, xlsxwriter' 2>/dev/null && [ -f "$SHARED/bench/reference_pandas.py" ]; then
  CMD[pandas]="$PYTHON $SHARED/bench/reference_pandas.py $IN $BANDS $WORK/ref.xlsx"
  names+=(pandas)
else
  echo "pandas reference skipped: $PYTHON with pandas and xlsxwriter not found" >&2
fi

for ((r = 1; r <= RUNS; r++)); do
  for name in "${names[@]}"; do
    rm -rf "$WORK/out"
    /usr/bin/time -v ${CMD[$name]} >/dev/null 2>"$WORK/time.txt"
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$WORK/time.txt")
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time.txt")
    cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$WORK/time.txt")
    echo "$name $wall $rss $cpu" >>"$WORK/times-$INPUT.txt"
    echo "round $r: $name ${wall}s ${cpu}s CPU $((rss / 1024)) MB" >&2
  done
done

median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
floor_wall=$(awk '$1 == "floor" {print $2}' "$WORK/times-$INPUT.txt" | median)
echo
echo "$N offers ($INPUT), $RUNS rounds, medians ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
printf '%-10s %10s %12s %10s %10s %10s\n' command "wall (s)" "peak RSS" "× floor" "CPU (s)" "CPU × floor"
floor_cpu=$(awk '$1 == "floor" {print $4}' "$WORK/times-$INPUT.txt" | median)
for name in "${names[@]}"; do
  wall=$(awk -v n="$name" '$1 == n {print $2}' "$WORK/times-$INPUT.txt" | median)
  rss=$(awk -v n="$name" '$1 == n {print $3}' "$WORK/times-$INPUT.txt" | median)
  cpu=$(awk -v n="$name" '$1 == n {print $4}' "$WORK/times-$INPUT.txt" | median)
  awk -v n="$name" -v w="$wall" -v r="$rss" -v f="$floor_wall" -v c="$cpu" -v fc="$floor_cpu" \
    'BEGIN {printf "%-10s %10.2f %9d MB %10.2f %10.2f %10.2f\n", n, w, r / 1024, w / f, c, c / fc}'
done
echo "commands:"
for name in "${names[@]}"; do echo "  $name: ${CMD[$name]}"; done
done
