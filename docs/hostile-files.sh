#!/usr/bin/env bash
# hostile-files.sh: builds the small-but-costly inputs of docs/hostile-files.py
# and the workbooks of importers/testdata/wild, then times `offerbook
# validate` on each with /usr/bin/time -v: every one must finish in under
# 10 s and 500 MB, with a short stderr.
#
#   docs/hostile-files.sh            (WORK=/tmp/offerbook-hostile)
set -uo pipefail
cd "$(dirname "$0")/.."
W=${WORK:-/tmp/offerbook-hostile}
mkdir -p "$W"
go build -o "$W/offerbook" ./cmd/offerbook || exit 1
/usr/bin/python3 docs/hostile-files.py "$W/files" >/dev/null || exit 1
cp importers/testdata/wild/*.xlsx "$W/files/"
fail=0
printf "%-28s %5s %9s %8s %8s\n" file exit seconds MB stderr
for f in "$W"/files/*; do
  /usr/bin/time -v timeout 60 "$W/offerbook" validate "$f" >/dev/null 2>"$W/err"
  rc=$?
  secs=$(awk -F': ' '/Elapsed/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$W/err")
  kb=$(awk -F': ' '/Maximum resident/ {print $2}' "$W/err")
  bytes=$(grep -v '^[[:space:]]' "$W/err" | grep -vc '^Command exited' >/dev/null; grep -v '^[[:space:]]' "$W/err" | grep -v '^Command exited' | wc -c)
  printf "%-28s %5s %9s %8s %8s\n" "$(basename "$f")" "$rc" "$secs" "$((kb / 1024))" "$bytes"
  if [ "$rc" = 124 ] || awk -v s="$secs" 'BEGIN{exit !(s >= 10)}' || [ "$kb" -ge 512000 ]; then fail=1; fi
done
[ $fail -eq 0 ] && echo PASS || echo FAIL
exit $fail
