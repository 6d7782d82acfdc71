#!/usr/bin/env bash
# crash-test.sh: kill -9 an analyze run at several moments, then run again,
# and check after each step that the output folder holds one run's complete
# set (every file listed in .offerbook-set.json, with its size and SHA-256,
# and results.csv and results.json of the same horizon and row count), and
# at the end that no temporary file is left anywhere (the output folder,
# /tmp/excelize-*, /tmp/offerbook-*).
#
#   docs/crash-test.sh [OFFERS]      (default 100000; WORK=/tmp/offerbook-crash)
#   MOMENTS="journal written (renaming)" KEEP=1 docs/crash-test.sh
#                                       (only that moment, on the existing output folder)
#
# The runs of the kill loop name the output folder relative to $WORK; the
# run after the last kill starts from another folder with its absolute path
# (a journal must name files the same from anywhere). Then: a folder named
# results.csv in the way (no output changed, the next run succeeds), and a
# large XLSX input (its parts unpacked outside memory) killed while read:
# nothing may be left in TMPDIR, and the next run removes what is left in
# the output folder.
set -uo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}
W=${WORK:-/tmp/offerbook-crash}
mkdir -p "$W"
BIN=$W/offerbook
go build -o "$BIN" ./cmd/offerbook || exit 1
IN=$W/big-$N.csv
[ -f "$IN" ] || "$BIN" generate -n "$N" -o "$IN" >/dev/null 2>&1 || exit 1
OUT=$W/crash-out
[ -n "${KEEP:-}" ] || rm -rf "$OUT"
fail=0
# The runs get a private system temporary folder: other programs' files in
# /tmp do not count, and anything our runs put there does.
export TMPDIR=$W/systmp
rm -rf "$TMPDIR"; mkdir -p "$TMPDIR"
systmp() { ls -A "$TMPDIR" | sed "s|^|$TMPDIR/|"; ls -d /tmp/excelize-* /tmp/offerbook-* 2>/dev/null | sort; }
systmp >"$W/systmp.before"

check_set() { # $1: label
  python3 - "$OUT" "$1" <<'PY'
import csv, hashlib, json, os, sys
out, label = sys.argv[1], sys.argv[2]
journal = os.path.join(out, ".offerbook-commit.json")
if os.path.exists(journal):
    print(f"  [{label}] journal present: killed during the renames; the next run finishes them")
    sys.exit(0)
man = os.path.join(out, ".offerbook-set.json")
if not os.path.exists(man):
    names = [n for n in os.listdir(out) if not n.startswith(".")] if os.path.isdir(out) else []
    print(f"  [{label}] no set yet; visible files: {names or 'none'}")
    sys.exit(1 if names else 0)
rec = json.load(open(man))
bad = []
for f in rec["files"]:
    p = os.path.join(out, f["file"])
    try:
        h = hashlib.sha256()
        with open(p, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        if h.hexdigest() != f["sha256"] or os.path.getsize(p) != f["size"]:
            bad.append(f["file"] + " differs from the set")
    except OSError as e:
        bad.append(f"{f['file']}: {e}")
visible = sorted(n for n in os.listdir(out) if not n.startswith("."))
listed = sorted(f["file"] for f in rec["files"])
if visible != listed:
    bad.append(f"visible files {visible} != set {listed}")
rows = sum(1 for _ in csv.reader(open(os.path.join(out, "results.csv")))) - 1
header = next(csv.reader(open(os.path.join(out, "results.csv"))))
years = sum(1 for h in header if h.startswith("y") and h.endswith("_total") and h[1:-6].isdigit())
with open(os.path.join(out, "results.json")) as fh:
    data = json.load(fh)
offers = data
jyears = sum(1 for k in offers[0] if k.startswith("y") and k.endswith("_total") and k[1:-6].isdigit()) if offers else years
if len(offers) != rows or jyears != years:
    bad.append(f"results.csv has {rows} rows over {years} years, results.json {len(offers)} over {jyears}")
print(f"  [{label}] set of run {rec['run']}: {', '.join(listed)}; {rows} offers, {years} years:", "INCOMPLETE: " + "; ".join(bad) if bad else "complete")
sys.exit(1 if bad else 0)
PY
}
leftovers() { find "$OUT" -name '.offerbook-tmp-*' -o -name 'excelize-*' -o -name 'offerbook-rows-*' -o -name '.*.tmp-*' -o -name '.offerbook-commit.json' 2>/dev/null | sed "s|$OUT/||" | tr '\n' ' '; }

years=3
start_run() {
  years=$((years + 1)); [ $years -gt 9 ] && years=3
  (cd "$W" && exec "$BIN" analyze "$IN" --out-dir "${OUT#"$W"/}" --format xlsx,csv,json --years $years --quiet 2>"$W/run.err") &
  PID=$!
}
wait_for() { # $1 = find expression description, $2.. = find args; 0.01 s polling, 400 s limit
  local what=$1; shift
  for _ in $(seq 40000); do
    if ! kill -0 $PID 2>/dev/null; then echo "  run ended before: $what"; return 1; fi
    if [ -n "$(find "$OUT" "$@" -print -quit 2>/dev/null)" ]; then return 0; fi
    sleep 0.01
  done
  return 1
}

if [ -z "${KEEP:-}" ]; then
  echo "== baseline run ($N offers)"
  start_run; wait $PID || { echo "baseline failed"; cat "$W/run.err"; exit 1; }
  check_set baseline || fail=1
fi

moments=("after 3 s (reading)" "a sheet's rows spilling to a temporary file" "the workbook package being spooled" "results.json being written" "journal written (renaming)")
[ -n "${MOMENTS:-}" ] && IFS='|' read -r -a moments <<<"$MOMENTS"
for m in "${moments[@]}"; do
  echo "== kill -9: $m"
  prev=$(leftovers)
  start_run
  sleep 1
  for p in $prev; do
    if [ -e "$OUT/$p" ]; then echo "  FAIL: the new run did not remove $p"; fail=1; fi
  done
  [ -n "$prev" ] && echo "  the new run removed: $prev"
  case "$m" in
    after*) sleep 2; ok=0 ;;
    a\ sheet*) wait_for "$m" -path '*/.offerbook-tmp-*/offerbook-rows-*'; ok=$? ;;
    the\ workbook*) wait_for "$m" -path '*/.offerbook-tmp-*/offerbook-package-*'; ok=$? ;;
    results.json*) wait_for "$m" -path '*/.offerbook-tmp-*/results.json.*'; ok=$? ;;
    journal*)
      # The journal lives for milliseconds: wait for the last output's
      # temporary, then poll for the journal in a tight loop.
      wait_for "$m" -path '*/.offerbook-tmp-*/results.json.*' && python3 - "$OUT/.offerbook-commit.json" $PID <<'PY'
import os, signal, sys
path, pid = sys.argv[1], int(sys.argv[2])
n = 0
while True:
    if os.path.exists(path):
        os.kill(pid, signal.SIGKILL)
        sys.exit(0)
    n += 1
    if n % 2000 == 0:
        try:
            if open(f"/proc/{pid}/stat").read().split()[2] in "ZX":
                sys.exit(1)
        except OSError:
            sys.exit(1)
PY
      ok=$? ;;
  esac
  kill -9 $PID 2>/dev/null; wait $PID 2>/dev/null
  [ $ok -eq 0 ] || echo "  (moment not caught; killed when the run ended or at the limit)"
  echo "  left by the killed run: $(leftovers)"
  check_set "after kill" || fail=1
done

echo "== a new run after the last kill, from another folder"
(cd / && "$BIN" analyze "$IN" --out-dir "$OUT" --format xlsx,csv,json --years 3 --quiet 2>"$W/run.err") || { echo "final run failed"; cat "$W/run.err"; fail=1; }
check_set final || fail=1

echo "== a folder named results.csv in the way"
WAY=$W/way-out
rm -rf "$WAY"; mkdir -p "$WAY/results.csv"
SMALL=$W/small.csv
head -101 "$IN" >"$SMALL"
if "$BIN" analyze "$SMALL" --out-dir "$WAY" --format xlsx,csv --quiet 2>"$W/way.err"; then
  echo "  FAIL: the run succeeded with a folder in the way"; fail=1
fi
grep -q "in the way" "$W/way.err" && echo "  refused: $(head -c 200 "$W/way.err")" || { echo "  FAIL: no word about the folder"; cat "$W/way.err"; fail=1; }
visible=$(ls "$WAY" | grep -v '^results.csv$' | tr '\n' ' ')
[ -z "$visible" ] && echo "  no output changed" || { echo "  FAIL: outputs written: $visible"; fail=1; }
rmdir "$WAY/results.csv"
"$BIN" analyze "$SMALL" --out-dir "$WAY" --format xlsx,csv --quiet 2>"$W/way.err" && echo "  the next run, the folder moved: ok" || { echo "  FAIL: the next run failed"; cat "$W/way.err"; fail=1; }

echo "== a large XLSX input killed while read"
BIGX=$W/big-30000.xlsx
if [ ! -f "$BIGX" ]; then
  /usr/bin/python3 - "$IN" "$BIGX" <<'PY' || { echo "  cannot build the XLSX (python3-openpyxl)"; fail=1; }
import csv, sys, openpyxl
src, dst = sys.argv[1], sys.argv[2]
wb = openpyxl.Workbook(write_only=True)
ws = wb.create_sheet("Offers")
for i, row in enumerate(csv.reader(open(src))):
    if i > 30000:
        break
    ws.append(row)
wb.save(dst)
PY
fi
XOUT=$W/xlsx-out
rm -rf "$XOUT"; mkdir -p "$XOUT"
"$BIN" analyze "$BIGX" --out-dir "$XOUT" --format csv --quiet 2>"$W/x.err" &
PID=$!
for _ in $(seq 3000); do
  [ -n "$(find "$XOUT" -path '*/.offerbook-tmp-*/excelize-*' -print -quit 2>/dev/null)" ] && break
  kill -0 $PID 2>/dev/null || break
  sleep 0.01
done
kill -9 $PID 2>/dev/null; wait $PID 2>/dev/null
echo "  left in the output folder: $(find "$XOUT" -mindepth 1 -maxdepth 2 | sed "s|$XOUT/||" | tr '\n' ' ')"
ours=$(ls -A "$TMPDIR" | tr '\n' ' ')
[ -z "$ours" ] && echo "  nothing in TMPDIR" || { echo "  FAIL: left in TMPDIR: $ours"; fail=1; }
"$BIN" analyze "$BIGX" --out-dir "$XOUT" --format csv --quiet 2>"$W/x.err" || echo "  (the re-run exits $?: $(tail -c 200 "$W/x.err"))"
left=$(find "$XOUT" -name '.offerbook-tmp-*' -o -name 'excelize-*' | tr '\n' ' ')
[ -z "$left" ] && echo "  the next run removed them" || { echo "  FAIL: still there: $left"; fail=1; }
left=$(leftovers)
systmp >"$W/systmp.after"
newsys=$(comm -13 "$W/systmp.before" "$W/systmp.after" | tr '\n' ' ')
ours=$(ls -A "$TMPDIR" | tr '\n' ' ')
echo "  temporaries in the output folder: ${left:-none}; in the runs' TMPDIR: ${ours:-none}"
echo "  (new in /tmp, from any process on the machine: ${newsys:-none})"
[ -z "$left$ours" ] || fail=1
[ $fail -eq 0 ] && echo "PASS" || echo "FAIL"
exit $fail
